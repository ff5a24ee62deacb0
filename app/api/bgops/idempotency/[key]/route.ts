import { route } from "@/lib/http/route";
import { getIdempotencyKey } from "@/lib/server/idempotency";

export const GET = route<{ key: string }, Record<string, string>>({ role: "viewer" }, ({ params, query }) =>
  getIdempotencyKey({ key: params.key, via: query.via, saga: query.saga }),
);
