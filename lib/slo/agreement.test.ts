/**
 * Two sources, one answer: the simulator is scraped at the same time by a real Prometheus (Debian's
 * /usr/bin/prometheus) and by the console's own scraper into a memory store; the same SLOs evaluated
 * through both MetricSources over the same window must agree on failures, budget and burn rate.
 *
 * Both sources compute increase() the same way (newest sample at or before each window edge, no
 * extrapolation; Prometheus answers on a 15-s grid aligned on the window's end, so both edges are grid
 * points). What still differs, and the allowance for it, measured from the scrape's own samples:
 *  - scrape offsets: the two read /metrics at different instants (1-s intervals) and the simulator's counters
 *    move in 2-s ticks, so at each window edge one source can be a tick ahead: the failures the scrape saw in
 *    the EDGE_MS before each edge;
 *  - a series that first appears inside the window (a new label combination, e.g. the first 503 on one
 *    endpoint) counts from its first sample in each source, which Prometheus sees on its grid up to one step
 *    later: the failures the scrape saw on such series in their first step;
 *  - plus 2 for a late scrape.
 * The window is placed between two incidents' worth of quiet: the first incident runs as the simulator starts
 * (creating its 5xx series before the window), the second inside the window, both edges in quiet time; so the
 * allowance is a few failures against the second incident's dozens, and a source that lost them shows.
 * Burn rate and budget follow from failures and totals: their tolerance is what the failure allowance and
 * the totals' difference can move the ratio by.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startSimulator, type RunningSim } from "@/sim/server";
import { loadSloDefinitionsFile, metricNamesFor, type SloDefinition } from "./definitions";
import { evaluateSlo, LOOKBACK_MS } from "./evaluate";
import { burnRate, errorRatio } from "./math";
import { createMemorySampleStore } from "./memory-store";
import { createPrometheusSource } from "./prometheus-source";
import { createScraper, type Scraper } from "./scrape";
import { labelsKey } from "./series";
import type { MetricSource } from "./types";

const PROMETHEUS = "/usr/bin/prometheus";
const STEP_MS = 15_000;
const WINDOW_MS = 45_000;
const EDGE_MS = 4_000; // two of the simulator's 2-s ticks
// Incidents of 15 s every 45 s from the simulator's start: at 0–15 s, 45–60 s, 90–105 s.
const INCIDENT = { offsetS: 60, periodS: 45, lengthS: 15 };
// The window [22 s, 67 s] after the simulator's start: quiet at both edges, the second incident inside.
const WINDOW_END_S = 67;

let sim: RunningSim;
let prom: ChildProcess | undefined;
let promUrl = "";
let dir = "";
let scraper: Scraper;
let simStartedAt = 0;
const store = createMemorySampleStore({ retentionMs: 3_600_000 });

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  if (!existsSync(PROMETHEUS)) {
    throw new Error(`${PROMETHEUS} is not installed: the two-source agreement test needs Debian's prometheus (apt-get install prometheus)`);
  }
  // The simulator's first incident comes 60 s after its start time, read from the clock once, first: a
  // start time 60 s in the past starts it now.
  let first = true;
  const now = () => {
    if (first) {
      first = false;
      simStartedAt = Date.now();
      return simStartedAt - INCIDENT.offsetS * 1000;
    }
    return Date.now();
  };
  sim = await startSimulator({ portBase: 0, incidentPeriodS: INCIDENT.periodS, incidentLengthS: INCIDENT.lengthS, now });
  dir = await mkdtemp(path.join(tmpdir(), "slo-agreement-"));
  const target = new URL(sim.urls.mgmt).host;
  await writeFile(
    path.join(dir, "prometheus.yml"),
    `global:\n  scrape_interval: 1s\n  scrape_timeout: 900ms\nscrape_configs:\n  - job_name: sim\n    static_configs:\n      - targets: ["${target}"]\n`,
  );
  const port = await freePort();
  promUrl = `http://127.0.0.1:${port}`;
  let log = "";
  prom = spawn(PROMETHEUS, [`--config.file=${path.join(dir, "prometheus.yml")}`, `--storage.tsdb.path=${path.join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--log.level=warn"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  prom.stderr?.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-2000)));
  scraper = createScraper({ fetchMetrics: async () => (await fetch(`${sim.urls.mgmt}/metrics`)).text(), append: (rows) => store.append(rows), intervalMs: 1000 });
  scraper.start();
  const readyBy = Date.now() + 20_000;
  for (;;) {
    if (prom.exitCode !== null) throw new Error(`prometheus exited with ${prom.exitCode}: ${log}`);
    const ok = await fetch(`${promUrl}/-/ready`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > readyBy) throw new Error(`prometheus not ready within 20 s: ${log}`);
    await sleep(250);
  }
}, 30_000);

afterAll(async () => {
  scraper?.stop();
  if (prom && prom.exitCode === null) {
    const exited = new Promise((r) => prom!.once("exit", r));
    prom.kill("SIGTERM");
    await Promise.race([exited, sleep(5000)]);
    if (prom.exitCode === null) prom.kill("SIGKILL");
  }
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function definitions(): Promise<SloDefinition[]> {
  const loaded = await loadSloDefinitionsFile(path.resolve(import.meta.dirname, "definitions", "dotmac.yaml"));
  if (!loaded.ok) throw new Error("shipped definitions invalid");
  return loaded.definitions;
}

/** Failures (total − good) a source counts over [from, to]. */
async function failures(def: SloDefinition, source: MetricSource, from: number, to: number): Promise<number> {
  const e = await evaluateSlo(def, source, { now: to, periodMs: to - from });
  return e.total - e.good;
}

/**
 * Failures the scrape counted on series that first appear near or inside [from, to], in their first grid step
 * (plus a scrape): what Prometheus, which first sees them on its next grid point, can miss.
 */
async function newSeriesFirstStepFailures(def: SloDefinition, from: number, to: number): Promise<number> {
  const rows = await store.readSamples({ names: metricNamesFor(def), from: from - LOOKBACK_MS, to });
  const firstTs = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.name}{${labelsKey(r.labels)}}`;
    firstTs.set(key, Math.min(firstTs.get(key) ?? Infinity, r.ts));
  }
  const firstStep = createMemorySampleStore({ retentionMs: 3_600_000 });
  await firstStep.append(
    rows.filter((r) => {
      const first = firstTs.get(`${r.name}{${labelsKey(r.labels)}}`)!;
      return first > from - EDGE_MS && r.ts <= first + STEP_MS + EDGE_MS;
    }),
  );
  return firstStep.stats().samples === 0 ? 0 : failures(def, firstStep, from, to);
}

test("the embedded scrape and a real Prometheus agree on failures, budget and burn rate", async () => {
  const defs = await definitions();
  const now = simStartedAt + WINDOW_END_S * 1000;
  const from = now - WINDOW_MS;
  // Let Prometheus ingest the scrape at the window's end.
  await sleep(Math.max(0, now + 1_500 - Date.now()));
  const promSource = createPrometheusSource({ baseUrl: promUrl, fetch, minStepMs: STEP_MS });
  const compared: string[] = [];
  const burning: string[] = [];
  for (const def of defs) {
    const [mem, pr] = await Promise.all([
      evaluateSlo(def, store, { now, periodMs: WINDOW_MS }),
      evaluateSlo(def, promSource, { now, periodMs: WINDOW_MS }),
    ]);
    expect(pr.state === "no_data" || pr.state === "series_missing", `${def.id}: Prometheus has the series`).toBe(false);
    const failMem = mem.total - mem.good;
    const failProm = pr.total - pr.good;
    const [edgeFrom, edgeTo, fresh] = await Promise.all([
      failures(def, store, from - EDGE_MS, from),
      failures(def, store, now - EDGE_MS, now),
      newSeriesFirstStepFailures(def, from, now),
    ]);
    const allowance = edgeFrom + edgeTo + fresh + 2;
    const detail = `${def.id}: scrape ${failMem.toFixed(1)} failed of ${mem.total}, prometheus ${failProm.toFixed(1)} of ${pr.total}; allowance ${allowance.toFixed(1)} (edges ${edgeFrom.toFixed(1)} + ${edgeTo.toFixed(1)}, new series ${fresh.toFixed(1)}, 2)`;
    console.log(detail);
    expect(Math.abs(failMem - failProm), `${detail}: failures`).toBeLessThanOrEqual(allowance);
    if (failMem > allowance) burning.push(def.id);
    if (mem.total < 60) continue; // too few events in 45 s for a ratio to mean anything (provisioning: ~4)
    compared.push(def.id);
    const totalDiff = Math.abs(mem.total - pr.total);
    expect(totalDiff / Math.max(mem.total, pr.total), `${detail}: totals`).toBeLessThanOrEqual(0.15);
    const burnMem = burnRate(errorRatio(mem.good, mem.total), def.objective)!;
    const burnProm = burnRate(errorRatio(pr.good, pr.total), def.objective)!;
    // |fm/tm − fp/tp| ≤ |fm − fp|/tp + fm·|tm − tp|/(tm·tp), over the error budget; a hair for rounding.
    const tolerance = (allowance / pr.total + (failMem * totalDiff) / (mem.total * pr.total)) / (1 - def.objective) + 1e-9;
    expect(Math.abs(burnMem - burnProm), `${detail}: burn ${burnMem.toFixed(3)} vs ${burnProm.toFixed(3)} (tolerance ${tolerance.toFixed(3)})`).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(mem.budgetRemaining! - pr.budgetRemaining!), `${detail}: budget`).toBeLessThanOrEqual(tolerance);
  }
  // Login, HTTP and API series carry hundreds of events per 45 s: those must have been compared.
  expect(compared).toEqual(expect.arrayContaining(["a-login-success", "a-http-5xx", "a-login-latency", "b-api-success", "b-http-5xx", "b-api-latency"]));
  // The incident inside the window fails these well beyond the allowance (≥ 25 against ≤ 3, or 270 against
  // ~25), so a source that lost their failures cannot pass. Login success fails ~3 in 15 s of incident:
  // too few to tell from the allowance.
  expect(burning).toEqual(expect.arrayContaining(["a-http-5xx", "b-http-5xx", "b-api-success", "a-login-latency", "b-api-latency"]));
}, 100_000);
