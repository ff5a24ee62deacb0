import "server-only";
import path from "node:path";
import type { Role } from "@/lib/auth/roles";
import { ApiError } from "@/lib/http/errors";
import { upstreamErrorCode } from "@/lib/http/map-error";
import { getMetricSource, getSloDefinitions, prometheusBase, scrapeView, type ScrapeView } from "@/lib/server/slo";
import { alertRuleSource, sloCoverageLines, type SloCoverageLine } from "@/lib/server/alert-rules";
import { hasRuleSource } from "@/lib/alert-rules/report";
import { alertCoverage } from "@/lib/slo/alert-rules";
import { metricNamesFor, type SloDefinition } from "@/lib/slo/definitions";
import { evaluateSlo, sloSeries, type SloEvaluation, type SloPoint } from "@/lib/slo/evaluate";
import { burnRate, errorRatio, type SloState } from "@/lib/slo/math";
import type { MemorySampleStore } from "@/lib/slo/memory-store";
import { PrometheusSourceError } from "@/lib/slo/prometheus-source";
import type { MetricSource } from "@/lib/slo/types";

const H = 3_600_000;
export const SLO_WINDOWS = { "1h": H, "6h": 6 * H, "24h": 24 * H, "3d": 72 * H, "7d": 168 * H, "30d": 720 * H } as const;
export type SloWindow = keyof typeof SLO_WINDOWS;
export const SLO_WINDOW_NAMES = Object.keys(SLO_WINDOWS) as [SloWindow, ...SloWindow[]];
export const MAX_POINTS = 800;

export interface SloCard {
  id: string;
  name: string;
  scheme: string;
  description: string;
  runbookSection: number;
  period: string;
  kind: SloDefinition["indicator"]["kind"];
  thresholdSeconds: number | null;
  /** The evaluation's state, or series_missing when the latest scrape no longer carries the SLO's series. */
  state: SloState;
  seriesMissingInLatestScrape: boolean;
  evaluation: SloEvaluation;
  /** Events over the selected window (not the period). */
  window: { ms: number; good: number; total: number; sli: number | null; burnRate: number | null; quantile: number | null };
  /** coverage: can the rules fire at all (/slo/alerts has the detail). */
  alerts: { hasAlert: boolean; hasBurnRateAlert: boolean; names: string[]; coverage: SloCoverageLine | null } | null;
}

export type SloSourceView =
  | { kind: "scrape"; label: string; scrape: ScrapeView }
  | { kind: "prometheus"; label: string; url: string };

export interface SloReport {
  window: SloWindow;
  windowMs: number;
  evaluatedAt: number;
  source: SloSourceView;
  definitions: { file: string; custom: boolean };
  /** The latest scrape read /metrics fine, but it carried none of the series any SLO reads. */
  metricsExposedSeriesMissing: boolean;
  /** able: alerting rules judged able to fire (lib/alert-rules). */
  alertRules: { ok: true; count: number; able: number; source: string } | { ok: false; error: string } | null;
  slos: SloCard[];
}

async function definitions(): Promise<{ defs: SloDefinition[]; file: string; custom: boolean }> {
  const d = await getSloDefinitions();
  if (!d.ok) throw new ApiError("not_configured", `The SLO definitions are invalid: ${d.message}`);
  return { defs: d.definitions, file: d.file, custom: d.custom };
}

function sourceError(err: unknown): never {
  if (err instanceof PrometheusSourceError) {
    throw new ApiError(upstreamErrorCode(err.kind), err.message);
  }
  throw err;
}

async function coverage(defs: SloDefinition[]) {
  if (!hasRuleSource(alertRuleSource())) return { rules: null, bySlo: new Map<string, SloCard["alerts"]>() };
  try {
    const { count, able, bySlo: lines, rules } = await sloCoverageLines(defs);
    const infos = [
      ...rules.set.recordings.map((r) => ({ group: "", name: r.name, type: "recording" as const, query: r.expr, labels: {} })),
      ...rules.set.rules.map((r) => ({ group: r.group, name: r.name, type: "alerting" as const, query: r.expr, labels: r.labels })),
    ];
    const bySlo = new Map(
      alertCoverage(defs, infos).map((c) => [c.sloId, { hasAlert: c.hasAlert, hasBurnRateAlert: c.hasBurnRateAlert, names: c.alerts.map((a) => a.name), coverage: lines.get(c.sloId) ?? null }]),
    );
    return { rules: { ok: true as const, count, able, source: rules.label }, bySlo };
  } catch (err) {
    return { rules: { ok: false as const, error: (err as Error).message }, bySlo: new Map<string, SloCard["alerts"]>() };
  }
}

/** Newest sample of any of the SLO's series, from the embedded history. */
async function lastSeen(mem: MemorySampleStore, def: SloDefinition, since: number, now: number): Promise<number | null> {
  let newest: number | null = null;
  for (const s of await mem.readSeries({ names: metricNamesFor(def), from: since, to: now })) {
    const t = s.ts[s.ts.length - 1];
    if (t !== undefined && (newest === null || t > newest)) newest = t;
  }
  return newest;
}

async function card(def: SloDefinition, source: MetricSource, now: number, windowMs: number, scrape: ScrapeView | null, alerts: SloCard["alerts"]): Promise<SloCard> {
  const evaluation = await evaluateSlo(def, source, { now });
  const w = windowMs === evaluation.periodMs ? evaluation : await evaluateSlo(def, source, { now, periodMs: windowMs });
  let missingNow = false;
  if (scrape?.lastOkAt && source.kind === "scrape" && evaluation.state !== "no_data" && evaluation.state !== "series_missing") {
    const seen = await lastSeen(source as MemorySampleStore, def, scrape.lastOkAt - 10 * scrape.intervalMs, now);
    missingNow = seen === null || seen < scrape.lastOkAt - scrape.intervalMs / 2;
  }
  const ratio = errorRatio(w.good, w.total);
  return {
    id: def.id,
    name: def.name,
    scheme: def.scheme,
    description: def.description,
    runbookSection: def.runbookSection,
    period: def.period,
    kind: def.indicator.kind,
    thresholdSeconds: def.indicator.kind === "latency" ? def.indicator.thresholdSeconds : null,
    state: missingNow ? "series_missing" : evaluation.state,
    seriesMissingInLatestScrape: missingNow,
    evaluation,
    window: {
      ms: windowMs,
      good: w.good,
      total: w.total,
      sli: w.sli,
      burnRate: w.total >= w.minEvents ? burnRate(ratio, def.objective) : null,
      quantile: w.quantile?.period ?? null,
    },
    alerts,
  };
}

function scrapeLabel(s: ScrapeView): string {
  const every = `every ${Math.round(s.intervalMs / 1000)} s`;
  if (s.role === "standby") return `embedded scrape of the Management API's /metrics ${every} (by replica ${s.lease?.holder ?? "?"}), shared store`;
  return `embedded scrape of the Management API's /metrics ${every}`;
}

export async function buildSloReport(window: SloWindow): Promise<SloReport> {
  const { defs, file, custom } = await definitions();
  const now = Date.now();
  const windowMs = SLO_WINDOWS[window];
  const prom = prometheusBase();
  const { rules, bySlo } = await coverage(defs);
  try {
    const source = await getMetricSource();
    const scrape = source.kind === "scrape" ? await scrapeView(source as MemorySampleStore) : null;
    const slos = await Promise.all(defs.map((d) => card(d, source, now, windowMs, scrape, bySlo.get(d.id) ?? null)));
    return {
      window,
      windowMs,
      evaluatedAt: now,
      source: scrape ? { kind: "scrape", label: scrapeLabel(scrape), scrape } : { kind: "prometheus", label: `Prometheus at ${prom}`, url: prom ?? "" },
      definitions: { file, custom },
      metricsExposedSeriesMissing: Boolean(scrape?.last?.ok && scrape.last.kept === 0),
      alertRules: rules,
      slos,
    };
  } catch (err) {
    return sourceError(err);
  }
}

export interface SloSeriesReport {
  id: string;
  window: SloWindow;
  from: number;
  to: number;
  stepMs: number | null;
  source: "scrape" | "prometheus";
  points: SloPoint[];
}

export async function buildSloSeries(id: string, window: SloWindow): Promise<SloSeriesReport> {
  const { defs } = await definitions();
  const def = defs.find((d) => d.id === id);
  if (!def) throw new ApiError("not_found", `No SLO "${id}" in the definitions.`);
  const to = Date.now();
  const from = to - SLO_WINDOWS[window];
  try {
    const source = await getMetricSource();
    const points = await sloSeries(def, source, { from, to, maxPoints: MAX_POINTS });
    const stepMs = points.length > 1 ? points[1]!.t - points[0]!.t : null;
    return { id, window, from, to, stepMs, source: source.kind, points };
  } catch (err) {
    return sourceError(err);
  }
}

/**
 * What a non-admin may see of a report: no server paths, host names or process ids. The definitions file is
 * named by its base name and a scrape lease holder ("host:pid:nonce") becomes "another replica".
 */
export function sloReportForRole(report: SloReport, role: Role): SloReport {
  if (role === "admin") return report;
  const file = report.definitions.file;
  const holder = report.source.kind === "scrape" ? report.source.scrape.lease?.holder : undefined;
  const hide = (s: string) => {
    let out = file ? s.split(file).join(path.basename(file)) : s;
    if (holder) out = out.split(holder).join("another replica");
    return out;
  };
  return JSON.parse(JSON.stringify(report), (_k, v: unknown) => (typeof v === "string" ? hide(v) : v)) as SloReport;
}
