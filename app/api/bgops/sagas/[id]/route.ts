import { route } from "@/lib/http/route";
import { getSagaDetail } from "@/lib/server/sagas";

// A saga, its history and the header/verdict view models; `raw=1` adds the payloads as they came.
export const GET = route<{ id: string }, Record<string, string>>({ role: "viewer" }, ({ params, query }) =>
  getSagaDetail({ id: params.id, via: query.via, raw: query.raw }),
);
