import { route } from "@/lib/http/route";
import { incidentAlerts } from "@/lib/server/alerts";
import { zIncidentParams } from "@/lib/server/incidents";

// The alerts that opened or joined this incident, and whether the team was told.
export const GET = route({ role: "viewer", params: zIncidentParams }, async ({ params }) => incidentAlerts(params.id));
