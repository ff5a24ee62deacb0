import { route } from "@/lib/http/route";
import { listIdempotencyKeys } from "@/lib/server/idempotency";

export const GET = route<Record<string, never>, Record<string, string>>({ role: "viewer" }, ({ query }) => listIdempotencyKeys(query));
