import { route } from "@/lib/http/route";
import { addIncidentNote, zIncidentParams, zNote } from "@/lib/server/incidents";

export const POST = route({ role: "responder", params: zIncidentParams, body: zNote }, async ({ params, body, user }) => ({
  event: await addIncidentNote(params.id, user.id, body),
}));
