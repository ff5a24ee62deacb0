import type { CheckDef, Judgement } from "@/lib/smoke/context";
import { isRedirect, jsonObject, judgeSignature, str, unexpected } from "@/lib/smoke/observe";
import { classifyBgopsAnswer } from "@/lib/domain/bgops-signature";
import { redirectLine } from "@/lib/smoke/redirect";

/** CONTRACT §2.5: the bgops list route's failure signatures, judged by status, content type, source, error. */
async function bgopsList(ctx: Parameters<CheckDef["run"]>[0]): Promise<Judgement> {
  const obs = await ctx.probe("mgmt", "/api/v1/bgops/idempotency?limit=1");
  const body = jsonObject(obs);
  if (isRedirect(obs)) return { verdict: "fail", summary: `${redirectLine(obs)} (not followed)` };
  // The same reading of the answer as the saga and key pages and the runbook widgets.
  const sig = obs.status === 200 ? null : classifyBgopsAnswer(obs);
  if (sig && sig.code !== "other") return judgeSignature(sig);
  if (obs.status !== 200) return { verdict: "fail", summary: unexpected(obs) };
  if (!body) return { verdict: "fail", summary: unexpected(obs, 60) };
  const source = str(body.source);
  const error = str(body.error);
  const items = Array.isArray(body.items) ? body.items : undefined;
  if (error) return { verdict: "fail", summary: `200 with error from ${source ?? "unknown source"}: ${error}` };
  if (!items) return { verdict: "fail", summary: `200 but no items list: ${unexpected(obs, 60)}` };
  const what = `${items.length} item${items.length === 1 ? "" : "s"}`;
  if (source === "redis") return { verdict: "pass", summary: `200 source redis, ${what}` };
  if (source === "memory") return { verdict: "warn", summary: `200 source memory, ${what}: bgops has no Redis client` };
  return { verdict: "warn", summary: `200 source unknown (${source ?? "missing"}), ${what}` };
}

export const bgopsChecks: CheckDef[] = [
  { id: "mgmt.bgops", surface: "mgmt", title: "bgops idempotency list", runbookSection: "§5", run: bgopsList },
];
