import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { getPlatformClient } from "@/lib/server/platform";
import { backfillEnv, backfillFromSimulator } from "@/lib/server/slo-backfill";
import { getStore } from "@/lib/server/store";
import { formatDefinitionProblems, loadSloDefinitionsFile, metricNamesFor, SHIPPED_DEFINITIONS_PATH, type SloDefinition } from "@/lib/slo/definitions";
import { createMemorySampleStore, type MemorySampleStore } from "@/lib/slo/memory-store";
import { createPrometheusSource } from "@/lib/slo/prometheus-source";
import { toSampleRows } from "@/lib/slo/scrape";
import type { MetricSource, SampleRow } from "@/lib/slo/types";

export const SCRAPER_LEASE = "slo-scraper";
/**
 * Synthetic series written with every scrape, like Prometheus's `up` and `scrape_samples_scraped`, so
 * every replica — not only the one holding the lease — knows when /metrics was last read and what it held.
 */
export const SCRAPE_SERIES = {
  up: "console_slo_scrape_up",
  status: "console_slo_scrape_http_status",
  samples: "console_slo_scrape_samples_scraped",
  kept: "console_slo_scrape_samples_kept",
} as const;
const SYNTHETIC = Object.values(SCRAPE_SERIES);
const PRUNE_EVERY_MS = 10 * 60_000;
const LOAD_CHUNK_MS = 6 * 3_600_000;

export interface ScrapeOutcome {
  at: number;
  ok: boolean;
  httpStatus: number | null;
  /** Samples in the whole exposition, and those the SLO definitions read (the ones stored). */
  samples: number;
  kept: number;
  metricNames: number;
  error?: string;
  durationMs: number;
}

export type DefinitionsState =
  | { ok: true; file: string; custom: boolean; definitions: SloDefinition[] }
  | { ok: false; file: string; custom: boolean; message: string };

interface Runtime {
  started: boolean;
  holder: string;
  role: "not_started" | "prometheus" | "scraping" | "standby" | "store_unavailable";
  last: ScrapeOutcome | null;
  lastError: string | null;
  lastPrune: number;
  inFlight: boolean;
  timer: ReturnType<typeof setInterval> | null;
  definitions: Promise<DefinitionsState> | null;
  mirror: { mem: MemorySampleStore; syncedTo: number | null; queue: Promise<unknown> } | null;
  /** The demo's history backfill; the scraper and the in-memory mirror start after it. */
  backfill: Promise<unknown>;
}

// On globalThis: instrumentation and route handlers may be bundled apart, but must share one scraper.
const KEY = Symbol.for("dotmac.console.slo-runtime");
function rt(): Runtime {
  const g = globalThis as { [KEY]?: Runtime };
  g[KEY] ??= {
    started: false,
    holder: `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`,
    role: "not_started",
    last: null,
    lastError: null,
    lastPrune: 0,
    inFlight: false,
    timer: null,
    definitions: null,
    mirror: null,
    backfill: Promise.resolve(),
  };
  return g[KEY];
}

/** SLO_DEFINITIONS_PATH (relative to the working directory) or the shipped definitions; validated, cached per process. */
export function getSloDefinitions(): Promise<DefinitionsState> {
  const r = rt();
  r.definitions ??= (async (): Promise<DefinitionsState> => {
    const custom = Boolean(process.env.SLO_DEFINITIONS_PATH?.trim());
    const file = path.resolve(process.cwd(), custom ? process.env.SLO_DEFINITIONS_PATH!.trim() : SHIPPED_DEFINITIONS_PATH);
    try {
      const result = await loadSloDefinitionsFile(file);
      if (result.ok) return { ok: true, file, custom, definitions: result.definitions };
      return { ok: false, file, custom, message: formatDefinitionProblems(file, result.problems) };
    } catch (err) {
      return { ok: false, file, custom, message: `SLO_DEFINITIONS_PATH: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})` };
    }
  })();
  return r.definitions;
}

const sloNames = (defs: readonly SloDefinition[]) => [...new Set(defs.flatMap(metricNamesFor))];

async function scrapeOnce(defs: readonly SloDefinition[]): Promise<void> {
  const r = rt();
  const at = Date.now();
  const started = performance.now();
  const keep = new Set(sloNames(defs));
  let httpStatus: number | null = null;
  let outcome: ScrapeOutcome;
  let rows: SampleRow[] = [];
  try {
    const obs = await getPlatformClient().probe("mgmt", "/metrics");
    httpStatus = obs.status;
    if (obs.status !== 200) throw new Error(`/metrics answered ${obs.status}${obs.contentType ? ` ${obs.contentType}` : ""}`);
    if (obs.truncated) throw new Error("/metrics is larger than UPSTREAM_MAX_BODY_BYTES; raise it to scrape it");
    const parsed = toSampleRows(obs.bodyText, at, (n) => keep.has(n));
    rows = parsed.rows;
    outcome = {
      at, ok: true, httpStatus, samples: parsed.parsed.samples.length, kept: rows.length,
      metricNames: new Set(parsed.parsed.samples.map((s) => s.name)).size, durationMs: performance.now() - started,
    };
  } catch (err) {
    const message = (err as Error).message;
    const error = message.includes("/metrics") ? message : `/metrics: ${message}`;
    outcome = { at, ok: false, httpStatus, samples: 0, kept: 0, metricNames: 0, error, durationMs: performance.now() - started };
  }
  const synthetic: SampleRow[] = [
    { name: SCRAPE_SERIES.up, labels: {}, ts: at, value: outcome.ok ? 1 : 0 },
    { name: SCRAPE_SERIES.status, labels: {}, ts: at, value: httpStatus ?? 0 },
    { name: SCRAPE_SERIES.samples, labels: {}, ts: at, value: outcome.samples },
    { name: SCRAPE_SERIES.kept, labels: {}, ts: at, value: outcome.kept },
  ];
  // One append: a reader never sees the scrape's `up` without its samples (that would look like missing series).
  const store = await getStore();
  await store.samples.append([...rows, ...synthetic]);
  r.last = outcome;
  if (at - r.lastPrune > PRUNE_EVERY_MS) {
    r.lastPrune = at;
    await store.samples.prune(at - getEnv().console.retentionDays * 86_400_000);
  }
}

async function tick(): Promise<void> {
  const r = rt();
  if (r.inFlight) return; // a slow /metrics must not pile up overlapping scrapes
  r.inFlight = true;
  try {
    const defs = await getSloDefinitions();
    if (!defs.ok) {
      r.lastError = defs.message;
      return;
    }
    const store = await getStore();
    const intervalMs = getEnv().console.scrapeIntervalMs;
    // Renewed every tick; a holder that died is taken over once its lease (3 intervals) runs out.
    const mine = await store.leases.tryAcquire(SCRAPER_LEASE, r.holder, 3 * intervalMs);
    r.role = mine ? "scraping" : "standby";
    if (mine) await scrapeOnce(defs.definitions);
    r.lastError = null;
  } catch (err) {
    r.role = "store_unavailable";
    r.lastError = (err as Error).message;
  } finally {
    r.inFlight = false;
  }
}

/**
 * Called once per server process (instrumentation.ts). Idempotent. With PROMETHEUS_URL set the console
 * reads Prometheus and scrapes nothing itself.
 */
export function startSloScraping(): void {
  const r = rt();
  if (r.started) return;
  r.started = true;
  const env = getEnv().console;
  if (env.prometheusUrl) {
    r.role = "prometheus";
    return;
  }
  // Old samples must be in the store before the first scrape and the mirror's first read: both only move forward.
  r.backfill = getSloDefinitions().then(async (d) => {
    if (!d.ok) return console.error(`[slo] ${d.message}`);
    const names = sloNames(d.definitions);
    const store = await getStore();
    const written = await backfillFromSimulator(names, {
      append: (rows) => store.samples.append(rows),
      hasSamples: async (n, from, to) => (await store.samples.readSeries({ names: n.slice(0, 1), from, to })).some((x) => x.ts.length > 0),
    }, backfillEnv());
    if (written) console.log(`[slo] demo: backfilled ${written} samples of the simulator's last 7 days`);
  }).catch((err) => console.error(`[slo] demo history backfill failed: ${(err as Error).message}`));
  void r.backfill.then(() => {
    if (!r.started) return;
    void tick();
    r.timer = setInterval(() => void tick(), env.scrapeIntervalMs);
    r.timer.unref?.();
    // Warm the in-memory copy of the history so the first /slo view does not wait for it.
    void embeddedSource().catch(() => {});
  });
}

/** Stops this process's scraper and gives the lease up (tests, shutdown). */
export async function stopSloScraping(): Promise<void> {
  const r = rt();
  if (r.timer) clearInterval(r.timer);
  r.timer = null;
  r.started = false;
  await getStore().then((s) => s.leases.release(SCRAPER_LEASE, r.holder)).catch(() => {});
}

/**
 * The embedded source: the store's shared history, mirrored in memory and topped up from the store on
 * each use. Reading 7 days of raw samples from SQL on every evaluation would cost seconds; the top-up reads
 * only what arrived since (with an overlap, duplicates are dropped), so standby replicas see the
 * scraping replica's samples too.
 */
export async function embeddedSource(): Promise<MemorySampleStore> {
  const r = rt();
  const env = getEnv().console;
  const retentionMs = env.retentionDays * 86_400_000;
  await r.backfill;
  r.mirror ??= { mem: createMemorySampleStore({ retentionMs }), syncedTo: null, queue: Promise.resolve() };
  const m = r.mirror;
  const run = m.queue.then(async () => {
    const defs = await getSloDefinitions();
    const names = [...(defs.ok ? sloNames(defs.definitions) : []), ...SYNTHETIC];
    const store = await getStore();
    const now = Date.now();
    let from = m.syncedTo === null ? now - retentionMs : m.syncedTo - 3 * env.scrapeIntervalMs - 60_000;
    while (from <= now) {
      const to = Math.min(now, from + LOAD_CHUNK_MS);
      const data = await store.samples.readSeries({ names, from: Math.max(0, Math.floor(from)), to });
      const rows: SampleRow[] = [];
      for (const s of data) {
        const labels = { ...s.labels };
        for (let i = 0; i < s.ts.length; i++) rows.push({ name: s.name, labels, ts: s.ts[i]!, value: s.values[i]! });
      }
      await m.mem.append(rows);
      from = to + 1;
    }
    m.syncedTo = now;
  });
  m.queue = run.catch(() => {});
  await run;
  return m.mem;
}

export function prometheusBase(): string | null {
  const url = getEnv().console.prometheusUrl;
  if (!url) return null;
  const u = new URL(url);
  return `${u.origin}${u.pathname.replace(/\/$/, "")}`;
}

/** The MetricSource the SLO math reads: Prometheus when PROMETHEUS_URL is set, else the embedded scrape. */
export async function getMetricSource(): Promise<MetricSource> {
  const url = getEnv().console.prometheusUrl;
  if (url) return createPrometheusSource({ baseUrl: url, fetch: globalThis.fetch, minStepMs: 15_000, timeoutMs: 10_000 });
  return embeddedSource();
}

export interface ScrapeView {
  role: Runtime["role"];
  intervalMs: number;
  retentionDays: number;
  /** The latest scrape as recorded in the shared history (any replica's), or this replica's own. */
  last: ScrapeOutcome | null;
  /** Newest successful scrape: what the SLO verdicts are based on, and "series missing in the latest scrape". */
  lastOkAt: number | null;
  /** First failed attempt after lastOkAt while the scrape keeps failing (null while the latest one succeeded). */
  failingSince: number | null;
  lease: { holder: string; expiresAt: string; mine: boolean } | null;
  error: string | null;
}

const newestOf = async (mem: MemorySampleStore, name: string, from: number, to: number) => {
  const [s] = await mem.readSeries({ names: [name], from, to });
  if (!s || s.ts.length === 0) return null;
  return { ts: s.ts[s.ts.length - 1]!, series: s };
};

/** What the page says about the embedded scrape (only meaningful without PROMETHEUS_URL). */
export async function scrapeView(mem: MemorySampleStore): Promise<ScrapeView> {
  const r = rt();
  const env = getEnv().console;
  const now = Date.now();
  const from = now - env.retentionDays * 86_400_000;
  let last = r.last;
  const up = await newestOf(mem, SCRAPE_SERIES.up, from, now);
  if (up && (!last || up.ts > last.at)) {
    const at = up.ts;
    const value = async (name: string) => (await mem.readSeries({ names: [name], from: at, to: at }))[0]?.values[0] ?? 0;
    const ok = up.series.values[up.series.values.length - 1] === 1;
    const status = await value(SCRAPE_SERIES.status);
    last = { at, ok, httpStatus: status || null, samples: await value(SCRAPE_SERIES.samples), kept: await value(SCRAPE_SERIES.kept), metricNames: 0, durationMs: 0, ...(ok ? {} : { error: status ? `/metrics answered ${status}` : "/metrics unreachable (see the scraping replica's log)" }) };
  }
  let lastOkAt: number | null = null;
  let failingSince: number | null = null;
  if (up) {
    for (let i = up.series.ts.length - 1; i >= 0; i--) {
      if (up.series.values[i] === 1) {
        lastOkAt = up.series.ts[i]!;
        break;
      }
      failingSince = up.series.ts[i]!;
    }
  }
  // This replica's own outcome may be newer than the mirrored history.
  if (last?.ok && (lastOkAt === null || last.at > lastOkAt)) lastOkAt = last.at;
  if (last?.ok) failingSince = null;
  else if (last && failingSince === null) failingSince = last.at;
  const lease = await getStore()
    .then((s) => s.leases.get(SCRAPER_LEASE))
    .catch(() => null);
  return {
    role: r.role,
    intervalMs: env.scrapeIntervalMs,
    retentionDays: env.retentionDays,
    last,
    lastOkAt,
    failingSince,
    lease: lease ? { holder: lease.holder, expiresAt: lease.expiresAt, mine: lease.holder === r.holder } : null,
    error: r.lastError,
  };
}
