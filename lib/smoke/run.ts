import type { PlatformClient } from "@/lib/upstream/types";
import { SURFACES } from "@/lib/upstream/types";
import type { CheckDef, VaultOptions } from "@/lib/smoke/context";
import { healthChecks, smokeChecks, WATCH_COLUMNS } from "@/lib/smoke/checks";
import type { SloSeriesScheme } from "@/lib/smoke/checks/metrics";
import type { AlertRulesCheckOptions } from "@/lib/smoke/checks/alert-rules";
import { runCheck } from "@/lib/smoke/run-check";
import type { CheckResult, HealthCell, HealthMatrix, MatrixKind, SmokeReport, Verdict } from "@/lib/smoke/types";

export { compareWithLastGreen, isAllGreen, type GreenComparison, type NewProblem } from "@/lib/smoke/compare";

export interface SmokeOptions {
  includeIsolation?: boolean;
  /** OpenBao/Vault is not a platform surface: it gets its own address and fetch. */
  vault?: VaultOptions;
  /** Budget of each check; default the client's timeout. */
  perCheckTimeoutMs?: number;
  /** Budget of health checks; default perCheckTimeoutMs when given, else max(timeout, health timeout). */
  healthTimeoutMs?: number;
  onResult?: (r: CheckResult) => void;
  /** Wall clock (timestamps, clock skew); durations use the monotonic clock. */
  now?: () => number;
  sloSchemes?: SloSeriesScheme[];
  alertRules?: AlertRulesCheckOptions;
}

function budgets(client: PlatformClient, opts: SmokeOptions): { plain: number; health: number } {
  const plain = opts.perCheckTimeoutMs ?? client.config.timeoutMs;
  const health = opts.healthTimeoutMs ?? opts.perCheckTimeoutMs ?? Math.max(client.config.timeoutMs, client.config.healthTimeoutMs);
  return { plain, health };
}

function runAll(client: PlatformClient, defs: CheckDef[], opts: SmokeOptions): Promise<CheckResult[]> {
  const { plain, health } = budgets(client, opts);
  const now = opts.now ?? Date.now;
  // All at once: a run takes as long as its slowest check, not the sum of them.
  return Promise.all(
    defs.map(async (def) => {
      const result = await runCheck(def, { client, now, vault: opts.vault, timeoutMs: def.health ? health : plain });
      opts.onResult?.(result);
      return result;
    }),
  );
}

export function summarize(results: CheckResult[]): Record<Verdict, number> {
  const summary: Record<Verdict, number> = { pass: 0, warn: 0, fail: 0, error: 0 };
  for (const r of results) summary[r.verdict] += 1;
  return summary;
}

export async function runSmoke(client: PlatformClient, opts: SmokeOptions = {}): Promise<SmokeReport> {
  const now = opts.now ?? Date.now;
  const startedAt = new Date(now()).toISOString();
  const defs = smokeChecks({ includeIsolation: opts.includeIsolation, includeVault: Boolean(opts.vault), sloSchemes: opts.sloSchemes, alertRules: opts.alertRules });
  const results = await runAll(client, defs, opts);
  const { baseUrls, tenantSlug, apiVersion } = client.config;
  return {
    startedAt,
    finishedAt: new Date(now()).toISOString(),
    platform: { baseUrls: { ...baseUrls }, tenantSlug, apiVersion },
    results,
    summary: summarize(results),
  };
}

/**
 * Surfaces × live/ready/startup/health for the overview and /health (portals only have "health"), plus the
 * Management API's bgops and /metrics, so an outage there turns the first screen red without a smoke run.
 */
export async function runHealthMatrix(
  client: PlatformClient,
  opts: Pick<SmokeOptions, "perCheckTimeoutMs" | "healthTimeoutMs" | "now" | "sloSchemes"> = {},
): Promise<HealthMatrix> {
  const now = opts.now ?? Date.now;
  const defs = healthChecks({ sloSchemes: opts.sloSchemes });
  const cells = new Map<string, HealthCell>();
  await runAll(client, defs, {
    ...opts,
    onResult: (r) => {
      cells.set(r.id, { checkId: r.id, verdict: r.verdict, summary: r.summary, runbookSection: r.runbookSection, at: new Date(now()).toISOString(), seen: r.seen });
    },
  });
  const rows = SURFACES.map((surface) => {
    const row: Record<MatrixKind, HealthCell | null> = { live: null, ready: null, startup: null, health: null, bgops: null, metrics: null };
    for (const def of defs) {
      const column = def.health ?? WATCH_COLUMNS[def.id];
      if (def.surface === surface && column) row[column] = cells.get(def.id) ?? null;
    }
    return { surface, cells: row };
  });
  return { checkedAt: new Date(now()).toISOString(), rows };
}
