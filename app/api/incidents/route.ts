import { z } from "zod";
import { route } from "@/lib/http/route";
import { listIncidents, openIncident, zOpenIncident } from "@/lib/server/incidents";

/** Open incidents first, then newest start first. */
export const GET = route({ role: "viewer", query: z.object({ status: z.enum(["open", "resolved"]).optional() }) }, async ({ query }) => ({
  incidents: await listIncidents(query.status),
}));

/** Opens an incident with its own copy of the runbook checklist. */
export const POST = route({ role: "responder", body: zOpenIncident }, async ({ body, user, audit }) => {
  const incident = await openIncident(user.id, body);
  await audit("incident.open", incident.id, { title: incident.title, severity: incident.severity, tenant: incident.tenant });
  return { incident };
});
