import { route } from "@/lib/http/route";
import { addIncidentNote, zIncidentParams, zNote } from "@/lib/server/incidents";

export const POST = route({ role: "responder", params: zIncidentParams, body: zNote }, async ({ params, body, user, audit }) => {
  const event = await addIncidentNote(params.id, user.id, body);
  await audit("incident.note", params.id, { stepId: body.stepId ?? undefined, length: body.text.length });
  return { event };
});
