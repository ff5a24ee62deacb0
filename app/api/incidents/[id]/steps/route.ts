import { route } from "@/lib/http/route";
import { changeStep, zIncidentParams, zStepChange } from "@/lib/server/incidents";

/** Tick, skip (with a reason) or reopen one step; 409 with the other person's step when the version is stale. */
export const POST = route({ role: "responder", params: zIncidentParams, body: zStepChange }, async ({ params, body, user, audit }) => {
  try {
    const result = await changeStep(params.id, user.id, body);
    await audit("runbook.step", `${params.id}/${body.stepId}`, { state: body.state, reason: body.reason ?? undefined });
    return result;
  } catch (err) {
    await audit("runbook.step", `${params.id}/${body.stepId}`, { state: body.state, error: (err as Error).message.slice(0, 200) }, "error");
    throw err;
  }
});
