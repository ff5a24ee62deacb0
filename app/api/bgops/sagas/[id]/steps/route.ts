import { route } from "@/lib/http/route";
import { getSagaStepsPage } from "@/lib/server/saga-steps";

// A page of the saga's steps as the table shows them: ?cursor=&limit= (≤ 500), ?via=.
export const GET = route<{ id: string }, Record<string, string>>({ role: "viewer" }, ({ params, query }) =>
  getSagaStepsPage({ id: params.id, via: query.via, cursor: query.cursor, limit: query.limit }),
);
