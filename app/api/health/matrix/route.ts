import { route } from "@/lib/http/route";
import { getHealthMatrix } from "@/lib/server/health";

export const GET = route({ role: "viewer" }, () => getHealthMatrix());
