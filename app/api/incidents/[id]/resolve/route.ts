import { route } from "@/lib/http/route";
import { resolveIncident, zIncidentParams, zResolve } from "@/lib/server/incidents";

/** Responders close the incidents they work; reopening is the admin's call. */
export const POST = route({ role: "responder", params: zIncidentParams, body: zResolve }, async ({ params, body, user, audit }) => {
  const incident = await resolveIncident(params.id, user.id, body.summary);
  await audit("incident.resolve", params.id, { summary: body.summary ? body.summary.slice(0, 200) : undefined });
  return { incident };
});
