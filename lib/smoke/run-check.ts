import type { PlatformClient } from "@/lib/upstream/types";
import { isUpstreamError } from "@/lib/upstream/errors";
import type { CheckContext, CheckDef, Judgement, VaultOptions } from "@/lib/smoke/context";
import { seenOf } from "@/lib/smoke/context";
import type { CheckResult, SeenRequest } from "@/lib/smoke/types";

export interface RunCheckEnv {
  client: PlatformClient;
  timeoutMs: number;
  now: () => number;
  vault?: VaultOptions;
}

class BudgetSpent extends Error {}

const PENDING = "(pending)";

function isTimeout(e: unknown): boolean {
  if (e instanceof BudgetSpent) return true;
  if (isUpstreamError(e)) return e.kind === "timeout";
  const name = (e as { name?: unknown } | null)?.name;
  return name === "TimeoutError" || name === "AbortError";
}

function describeError(e: unknown): string {
  if (isUpstreamError(e)) return e.kind === "unreachable" ? `unreachable: ${e.message}` : e.message;
  if (e instanceof TypeError && /fetch failed/i.test(e.message)) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return `unreachable: ${cause?.code ?? cause?.message ?? e.message}`;
  }
  return e instanceof Error ? e.message : String(e);
}

/**
 * Runs one check within its own budget: a check that hangs becomes "no answer within N ms"
 * instead of holding up the run, and whatever it saw before giving up is kept.
 */
export async function runCheck(def: CheckDef, env: RunCheckEnv): Promise<CheckResult> {
  const started = performance.now();
  const deadline = started + env.timeoutMs;
  const seen: SeenRequest[] = [];
  const remainingMs = () => Math.max(0, Math.floor(deadline - performance.now()));
  const ctx: CheckContext = {
    client: env.client,
    timeoutMs: env.timeoutMs,
    now: env.now,
    vault: env.vault,
    remainingMs,
    record: (s) => void seen.push(s),
    async probe(surface, path, init) {
      const budget = remainingMs();
      if (budget <= 0) throw new BudgetSpent();
      // Recorded before it is sent, so a request still out when the budget runs out is shown too.
      const slot = seen.push({ method: (init?.method ?? "GET").toUpperCase(), path, error: PENDING }) - 1;
      try {
        const obs = await env.client.probe(surface, path, { ...init, timeoutMs: budget });
        seen[slot] = seenOf(obs);
        return obs;
      } catch (e) {
        seen[slot] = { ...seen[slot]!, error: isTimeout(e) ? `no answer within ${budget} ms` : describeError(e) };
        throw e;
      }
    },
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const budget = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), env.timeoutMs);
  });
  let judgement: Judgement;
  try {
    const outcome = await Promise.race([def.run(ctx), budget]);
    judgement = outcome === "timeout" ? { verdict: "error", summary: `no answer within ${env.timeoutMs} ms` } : outcome;
  } catch (e) {
    judgement = isTimeout(e)
      ? { verdict: "error", summary: `no answer within ${env.timeoutMs} ms` }
      : { verdict: "error", summary: describeError(e) };
  } finally {
    clearTimeout(timer);
  }
  // Vault answers and thrown errors did not pass through the platform client: the client's one redaction covers them.
  const redact = env.client.redact;
  const clean = <T extends string | null | undefined>(v: T): T => (typeof v === "string" ? (redact(v) as T) : v);
  return {
    id: def.id,
    surface: def.surface,
    title: def.title,
    verdict: judgement.verdict,
    summary: redact(judgement.summary),
    runbookSection: judgement.runbookSection ?? def.runbookSection,
    seen: seen.map((x) => {
      const s = x.error === PENDING ? { ...x, error: `no answer within ${env.timeoutMs} ms` } : x;
      return { ...s, path: redact(s.path), location: clean(s.location), excerpt: clean(s.excerpt), error: clean(s.error) };
    }),
    durationMs: Math.round(performance.now() - started),
  };
}
