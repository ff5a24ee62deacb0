import { route } from "@/lib/http/route";
import { reopenIncident, zIncidentParams, zReopen } from "@/lib/server/incidents";

/** Undoing a resolution is the admin's call; the resolution stays in the timeline. */
export const POST = route({ role: "admin", params: zIncidentParams, body: zReopen }, async ({ params, body, user, audit }) => {
  const incident = await reopenIncident(params.id, user.id, body.reason);
  await audit("incident.reopen", params.id, { reason: body.reason ? body.reason.slice(0, 200) : undefined });
  return { incident };
});
