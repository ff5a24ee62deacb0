/**
 * Bench for `npm run bench`: SLO evaluation over 30 days of 15-s samples for 20 series
 * (target ≤ 1 s). Builds the history in a memory store, then times evaluateSlo + sloSeries.
 */
import { parseSloDefinitions, type SloDefinition } from "./definitions";
import { evaluateSlo, sloSeries } from "./evaluate";
import { createMemorySampleStore } from "./memory-store";
import type { MetricSource, SampleRow } from "./types";

const BENCH_DEFS = `apiVersion: dotmac.console/v1
kind: SLOList
slos:
  - { id: bench-login, name: Login success, scheme: A, objective: 0.98, period: 30d, runbookSection: 3,
      indicator: { ratio: { good: 'dotmac_management_login_attempts_total{result="success"}', total: dotmac_management_login_attempts_total } } }
  - { id: bench-latency, name: Provisioning latency, scheme: A, objective: 0.95, period: 30d, runbookSection: 5,
      indicator: { latency: { histogram: dotmac_management_provisioning_duration_seconds, thresholdSeconds: 60 } } }
`;

export interface SloBenchResult {
  series: number;
  samples: number;
  buildMs: number;
  /** evaluateSlo for every definition (the target: ≤ 1000 ms). */
  evaluateMs: number;
  /** sloSeries (800 points over 30 days) for every definition. */
  seriesMs: number;
  /** evaluateSlo through the row-shaped readSamples path (what a plain SQL store returns). */
  evaluateRowsMs: number;
}

export async function benchSloEvaluation(opts: { days?: number; stepMs?: number } = {}): Promise<SloBenchResult> {
  const days = opts.days ?? 30;
  const stepMs = opts.stepMs ?? 15_000;
  const parsed = parseSloDefinitions(BENCH_DEFS);
  if (!parsed.ok) throw new Error("bench definitions invalid");
  const defs: SloDefinition[] = parsed.definitions;

  const t0 = performance.now();
  const now = Date.UTC(2026, 0, 31);
  const start = now - days * 86_400_000;
  const store = createMemorySampleStore({ retentionMs: (days + 1) * 86_400_000 });
  // 20 series: login success/failure for 5 tenants (10) + 10 provisioning latency buckets.
  const tenants = ["acme", "globex", "initech", "umbrella", "hooli"];
  const loginLabels = tenants.flatMap((t) => [{ tenant: t, result: "success" }, { tenant: t, result: "failure" }]);
  const les = ["1", "2.5", "5", "10", "30", "60", "120", "300", "600", "+Inf"];
  const bucketLabels = les.map((le) => ({ le }));
  const bucketShare = [0.05, 0.15, 0.3, 0.5, 0.8, 0.96, 0.99, 0.995, 0.999, 1];
  const counts = new Float64Array(20);
  let samples = 0;
  for (let ts = start, i = 0; ts <= now; ts += stepMs, i++) {
    const incident = i % 5760 > 5700; // a short burst every day
    const rows: SampleRow[] = [];
    loginLabels.forEach((labels, k) => {
      counts[k]! += labels.result === "success" ? (incident ? 8 : 10) : incident ? 2 : 0.05;
      rows.push({ name: "dotmac_management_login_attempts_total", labels, ts, value: counts[k]! });
    });
    bucketLabels.forEach((labels, k) => {
      counts[10 + k]! += 4 * bucketShare[k]!;
      rows.push({ name: "dotmac_management_provisioning_duration_seconds_bucket", labels, ts, value: counts[10 + k]! });
    });
    await store.append(rows);
    samples += rows.length;
  }
  const buildMs = performance.now() - t0;

  const t1 = performance.now();
  for (const def of defs) await evaluateSlo(def, store, { now });
  const evaluateMs = performance.now() - t1;

  const t2 = performance.now();
  for (const def of defs) await sloSeries(def, store, { from: start, to: now, maxPoints: 800 });
  const seriesMs = performance.now() - t2;

  const rowsOnly: MetricSource = { kind: "scrape", readSamples: (q) => store.readSamples(q), hasAnyData: (q) => store.hasAnyData(q) };
  const t3 = performance.now();
  for (const def of defs) await evaluateSlo(def, rowsOnly, { now });
  const evaluateRowsMs = performance.now() - t3;

  return { series: 20, samples, buildMs, evaluateMs, seriesMs, evaluateRowsMs };
}
