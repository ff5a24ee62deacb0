import { z } from "zod";
import { route } from "@/lib/http/route";
import { findBgopsWidget, runBgopsRequest } from "@/lib/server/runbook";

const body = z.object({
  itemId: z.string().min(1).max(300),
  pathTemplate: z.string().min(1).max(300),
  values: z.record(z.string().max(40), z.string().max(10_000)).refine((v) => Object.keys(v).length <= 10, "too many values"),
});

/**
 * Runs one of the runbook's bgops GETs: the template is looked up in the runbook, only the placeholders come from
 * the form. Read-only, so viewers may run it (they read the same data on /idempotency and /sagas).
 */
export const POST = route({ role: "viewer", body }, async ({ body, audit }) => {
  const widget = await findBgopsWidget(body.itemId, body.pathTemplate);
  try {
    const answer = await runBgopsRequest(widget, body.values);
    await audit("check.run", answer.path, { check: "bgops-request", status: answer.status });
    return answer;
  } catch (err) {
    await audit("check.run", body.pathTemplate, { check: "bgops-request", error: (err as Error).message.slice(0, 200) }, "error");
    throw err;
  }
});
