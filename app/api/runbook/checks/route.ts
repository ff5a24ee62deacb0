import { z } from "zod";
import { hasRole } from "@/lib/auth/roles";
import { ApiError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { RUNBOOK_CHECKS, isRunbookCheck } from "@/lib/runbook/checks";
import { runRunbookCheck } from "@/lib/server/runbook";

const body = z.object({ check: z.string().min(1).max(40).refine(isRunbookCheck, "is not a check a runbook step can run") }).strict();

/** One named smoke check for a runbook step: viewers run the read-only ones, responders also the others. */
export const POST = route({ role: "viewer", body }, async ({ body, user, audit }) => {
  const name = body.check as keyof typeof RUNBOOK_CHECKS;
  const needs = RUNBOOK_CHECKS[name].access;
  if (!hasRole(user.role, needs)) throw new ApiError("forbidden", `This check needs the ${needs} role; you are ${user.role}.`);
  const results = await runRunbookCheck(name);
  const failing = results.filter((r) => r.verdict === "fail" || r.verdict === "error").length;
  await audit("check.run", name, { check: name, failing });
  return { check: name, results, checkedAt: new Date().toISOString() };
});
