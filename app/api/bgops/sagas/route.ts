import { route } from "@/lib/http/route";
import { listSagas } from "@/lib/server/sagas";

// Recent sagas by a bounded SCAN of bgops:saga:* — Redis only (CONTRACT §2: no list route).
export const GET = route<Record<string, never>, Record<string, string>>({ role: "viewer" }, ({ query }) => listSagas(query));
