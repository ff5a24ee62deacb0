import { route } from "@/lib/http/route";
import { getIncidentDetail, zIncidentParams } from "@/lib/server/incidents";

/** The incident, its checklist and every event in the order they happened. */
export const GET = route({ role: "viewer", params: zIncidentParams }, async ({ params }) => getIncidentDetail(params.id));
