/**
 * Two-source agreement: the same history evaluated from the embedded store and from a real
 * Prometheus (query_range) must give the same budget and burn rates. Stated tolerance: 0.02 absolute
 * on budget remaining and 3% relative on each burn rate — Prometheus answers long ranges on a coarse
 * grid (1 h steps for 30 days), which can shift a window's first sample by up to one step.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSloDefinitions, type SloDefinition } from "./definitions";
import { evaluateSlo } from "./evaluate";
import { createMemorySampleStore } from "./memory-store";
import { createPrometheusSource } from "./prometheus-source";
import { hasRealPrometheus, startBackfilledPrometheus, type RunningPrometheus } from "./testing/real-prometheus";
import type { SampleRow } from "./types";

const STEP = 30_000;
const HISTORY_STEPS = 2 * 24 * 120; // two days
const END = Math.floor(Date.now() / STEP) * STEP - 2 * STEP;
const START = END - HISTORY_STEPS * STEP;
const LES = ["10", "30", "60", "120", "+Inf"];

function history(): SampleRow[] {
  const rows: SampleRow[] = [];
  let ok = 0;
  let bad = 0;
  const buckets = [0, 0, 0, 0, 0];
  for (let i = 0; i <= HISTORY_STEPS; i++) {
    const ts = START + i * STEP;
    const incident = i > HISTORY_STEPS - 180; // the last 90 minutes
    if (i === HISTORY_STEPS / 2) {
      ok = 0; // a restart halfway through
      bad = 0;
    } else if (i > 0) {
      ok += incident ? 30 : 49.5;
      bad += incident ? 20 : 0.5;
      const adds = incident ? [1, 2, 2, 5, 10] : [6, 9, 9.8, 10, 10];
      adds.forEach((a, k) => (buckets[k]! += a));
    }
    rows.push({ name: "dotmac_management_login_attempts_total", labels: { result: "success" }, ts, value: ok });
    rows.push({ name: "dotmac_management_login_attempts_total", labels: { result: "failure" }, ts, value: bad });
    LES.forEach((le, k) =>
      rows.push({ name: "dotmac_management_provisioning_duration_seconds_bucket", labels: { le }, ts, value: buckets[k]! }),
    );
  }
  return rows;
}

function toOpenMetrics(rows: SampleRow[]): string {
  const lines = ["# TYPE dotmac_management_login_attempts counter", "# TYPE dotmac_management_provisioning_duration_seconds histogram"];
  const bySeries = new Map<string, string[]>();
  for (const r of rows) {
    const labels = Object.entries(r.labels).map(([k, v]) => `${k}="${v}"`).join(",");
    const key = `${r.name}{${labels}}`;
    const list = bySeries.get(key) ?? [];
    list.push(`${key} ${r.value} ${r.ts / 1000}`);
    bySeries.set(key, list);
  }
  // OpenMetrics wants each family's samples together: counters first, then the histogram.
  const keys = [...bySeries.keys()].sort();
  lines.splice(1, 0, ...keys.filter((k) => k.startsWith("dotmac_management_login")).flatMap((k) => bySeries.get(k)!));
  lines.push(...keys.filter((k) => k.startsWith("dotmac_management_prov")).flatMap((k) => bySeries.get(k)!));
  lines.push("# EOF", "");
  return lines.join("\n");
}

const DEFS = parseSloDefinitions(`apiVersion: dotmac.console/v1
kind: SLOList
slos:
  - { id: login, name: Login, scheme: A, objective: 0.98, period: 30d, runbookSection: 3,
      indicator: { ratio: { good: 'dotmac_management_login_attempts_total{result="success"}', total: dotmac_management_login_attempts_total } } }
  - { id: prov-latency, name: Prov, scheme: A, objective: 0.95, period: 30d, runbookSection: 5,
      indicator: { latency: { histogram: dotmac_management_provisioning_duration_seconds, thresholdSeconds: 60 } } }
`);

describe("embedded store and real Prometheus agree", () => {
  let prom: RunningPrometheus | undefined;
  const store = createMemorySampleStore({ retentionMs: 40 * 86_400_000 });

  beforeAll(async () => {
    // Fail, not skip: a missing binary must not turn this test into a silent pass.
    if (!hasRealPrometheus()) throw new Error("this test needs Debian's prometheus and promtool: apt-get install -y prometheus");
    const rows = history();
    await store.append(rows);
    prom = await startBackfilledPrometheus(toOpenMetrics(rows));
  }, 120_000);
  afterAll(async () => {
    await prom?.stop();
  }, 30_000);

  it.each(["login", "prov-latency"])("%s: budget, burn rates, state and latency quantile", async (id) => {
    if (!DEFS.ok) throw new Error(JSON.stringify(DEFS.problems));
    const def: SloDefinition = DEFS.definitions.find((d) => d.id === id)!;
    const now = END + 1000;
    const a = await evaluateSlo(def, store, { now });
    const b = await evaluateSlo(def, createPrometheusSource({ baseUrl: prom!.baseUrl, fetch, timeoutMs: 15_000 }), { now });
    expect(b.state).toBe(a.state);
    expect(a.state).toBe("burning_fast");
    expect(Math.abs(a.budgetRemaining! - b.budgetRemaining!)).toBeLessThan(0.02);
    for (const wa of a.windows) {
      const wb = b.windows.find((w) => w.windowMs === wa.windowMs)!;
      expect(wb.burnRate, `window ${wa.windowMs / 60_000}m`).not.toBeNull();
      expect(Math.abs(wb.burnRate! - wa.burnRate!) / wa.burnRate!, `window ${wa.windowMs / 60_000}m`).toBeLessThan(0.03);
    }
    // A latency SLO carries its display quantile, from both sources; a ratio SLO carries none.
    if (def.indicator.kind === "latency") {
      expect(a.quantile?.lastHour, "embedded p95 over the last hour").toEqual(expect.any(Number));
      expect(b.quantile?.lastHour).toBeCloseTo(a.quantile!.lastHour!, 6);
    } else {
      expect([a.quantile, b.quantile]).toEqual([undefined, undefined]);
    }
  }, 60_000);
});
