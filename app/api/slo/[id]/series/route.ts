import { route } from "@/lib/http/route";
import { getSloSeries } from "@/lib/server/slo-view";

export const GET = route<{ id: string }, Record<string, string>>({ role: "viewer" }, ({ params, query }) => getSloSeries({ id: params.id, window: query.window }));
