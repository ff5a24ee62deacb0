import { route } from "@/lib/http/route";
import { attachIncidentEvidence, zEvidence, zIncidentParams } from "@/lib/server/incidents";

/** Saves a snapshot of a live check's result on the incident (not a link: the check may say otherwise later). */
export const POST = route({ role: "responder", params: zIncidentParams, body: zEvidence }, async ({ params, body, user, audit }) => {
  const event = await attachIncidentEvidence(params.id, user.id, body);
  await audit("check.run", params.id, { evidence: body.kind, title: body.title });
  return { event };
});
