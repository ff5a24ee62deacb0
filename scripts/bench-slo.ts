/**
 * `npm run bench` (via scripts/bench.ts): the shipped SLO definitions evaluated over 30 days of 15-s samples
 * for 20 series, through the path the server uses — the in-memory copy of the scrape history
 * (createMemorySampleStore) read by evaluateSlo. Target ≤ 1 s.
 */
import { resolve } from "node:path";
import { loadSloDefinitionsFile } from "../lib/slo/definitions";
import { evaluateSlo } from "../lib/slo/evaluate";
import { createMemorySampleStore } from "../lib/slo/memory-store";
import type { SampleRow } from "../lib/slo/types";

const DAY = 86_400_000;
const STEP_MS = 15_000;
const PROVISION_LE = ["5", "10", "20", "30", "45", "60", "90", "120", "300", "+Inf"];
// Cumulative share of provisioning requests at or below each bucket bound.
const PROVISION_SHARE = [0, 0.05, 0.3, 0.6, 0.85, 0.96, 0.99, 0.995, 0.999, 1];

type Series = { name: string; labels: Record<string, string>; perStep: (incident: boolean) => number };

/** 20 series feeding six of the shipped SLOs (Scheme A login/provisioning/latency/5xx, Scheme B login/provisioning). */
function syntheticSeries(): Series[] {
  const s: Series[] = [
    { name: "dotmac_management_login_attempts_total", labels: { result: "success" }, perStep: (i) => (i ? 24 : 30) },
    { name: "dotmac_management_login_attempts_total", labels: { result: "failure" }, perStep: (i) => (i ? 6 : 0.1) },
    { name: "dotmac_management_provisioning_requests_total", labels: { result: "success" }, perStep: (i) => (i ? 0.7 : 1.2) },
    { name: "dotmac_management_provisioning_requests_total", labels: { result: "failure" }, perStep: (i) => (i ? 0.5 : 0.01) },
    { name: "dotmac_management_http_requests_total", labels: { status_code: "200" }, perStep: () => 450 },
    { name: "dotmac_management_http_requests_total", labels: { status_code: "500" }, perStep: (i) => (i ? 30 : 1) },
    { name: "login_success_rate_total", labels: { tenant_id: "acme", service: "management" }, perStep: (i) => (i ? 30 : 30.1) },
    { name: "login_success_rate_success_total", labels: { tenant_id: "acme", service: "management" }, perStep: (i) => (i ? 24 : 30) },
    { name: "service_provisioning_success_rate_total", labels: { tenant_id: "acme", service: "management" }, perStep: (i) => (i ? 1.2 : 1.21) },
    { name: "service_provisioning_success_rate_success_total", labels: { tenant_id: "acme", service: "management" }, perStep: (i) => (i ? 0.7 : 1.2) },
  ];
  PROVISION_LE.forEach((le, k) => {
    s.push({ name: "dotmac_management_provisioning_duration_seconds_bucket", labels: { le }, perStep: (i) => 1.2 * (i ? Math.min(1, PROVISION_SHARE[k]! * 0.8 + (le === "+Inf" ? 0.2 : 0)) : PROVISION_SHARE[k]!) });
  });
  return s;
}

export async function benchSloEvaluation(): Promise<{ ms: number; series: number; samples: number; slos: number; buildMs: number }> {
  const loaded = await loadSloDefinitionsFile(resolve(import.meta.dirname, "..", "lib", "slo", "definitions", "dotmac.yaml"));
  if (!loaded.ok) throw new Error("the shipped SLO definitions do not validate");
  const defs = loaded.definitions;
  const series = syntheticSeries();
  const t0 = performance.now();
  const now = Date.UTC(2026, 0, 31);
  const start = now - 30 * DAY;
  const store = createMemorySampleStore({ retentionMs: 31 * DAY });
  const values = new Float64Array(series.length);
  let samples = 0;
  for (let ts = start, i = 0; ts <= now; ts += STEP_MS, i++) {
    const incident = i % 5760 >= 5700; // 15 minutes of trouble a day
    const rows: SampleRow[] = series.map((s, k) => {
      values[k]! += s.perStep(incident);
      // A restart halfway through: counters start again from 0, as the reset handling must cope with.
      if (i === 86_400) values[k] = s.perStep(incident);
      return { name: s.name, labels: s.labels, ts, value: values[k]! };
    });
    await store.append(rows);
    samples += rows.length;
  }
  const buildMs = performance.now() - t0;
  const t1 = performance.now();
  for (const def of defs) await evaluateSlo(def, store, { now });
  return { ms: performance.now() - t1, series: series.length, samples, slos: defs.length, buildMs };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchSloEvaluation().then((r) => console.log(JSON.stringify(r)));
}
