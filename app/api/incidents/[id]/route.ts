import { route } from "@/lib/http/route";
import { deleteIncident, getIncidentDetail, zIncidentParams } from "@/lib/server/incidents";

/** The incident, its checklist and every event in the order they happened. */
export const GET = route({ role: "viewer", params: zIncidentParams }, async ({ params }) => getIncidentDetail(params.id));

/** Removes the incident with its checklist and timeline (admins only); the audit trail keeps who, when and what. */
export const DELETE = route({ role: "admin", params: zIncidentParams }, async ({ params, audit }) => {
  const { title } = await deleteIncident(params.id);
  await audit("incident.delete", params.id, { title });
  return { deleted: params.id };
});
