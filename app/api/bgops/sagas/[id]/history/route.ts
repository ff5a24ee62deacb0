import { route } from "@/lib/http/route";
import { getSagaHistoryPage } from "@/lib/server/saga-history";

// A page of the saga's sorted history: ?cursor=&limit= (≤ 500), ?step= (search), ?status=, ?via=.
export const GET = route<{ id: string }, Record<string, string>>({ role: "viewer" }, ({ params, query }) =>
  getSagaHistoryPage({ id: params.id, via: query.via, cursor: query.cursor, limit: query.limit, step: query.step, status: query.status }),
);
