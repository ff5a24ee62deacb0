import { z } from "zod";
import { route } from "@/lib/http/route";
import { runAuthChecks } from "@/lib/server/runbook";

/** Runbook §3 in place: the refresh routes answer 401 without a cookie, and clocks agree within 5 minutes. */
export const POST = route({ role: "responder", body: z.object({}).strict() }, async ({ audit }) => {
  const results = await runAuthChecks();
  const failing = results.filter((r) => r.verdict === "fail" || r.verdict === "error").length;
  await audit("check.run", "auth-path", { check: "auth-check", failing });
  return { results, checkedAt: new Date().toISOString() };
});
