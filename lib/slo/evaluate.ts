/** Evaluates SLO definitions against any MetricSource (embedded scrape store or Prometheus). */
import { metricNamesFor, type SloDefinition } from "./definitions";
import { buildIndicator, type Indicator } from "./indicator";
import {
  budgetRemaining,
  classify,
  DEFAULT_MIN_EVENTS,
  evaluatePair,
  HOUR,
  timeToExhaustionMs,
  WINDOW_PAIRS,
  windowBurn,
  type PairResult,
  type SloState,
  type WindowBurn,
} from "./math";
import { groupRows, toCounterSeries, type CounterSeries } from "./series";
import type { MetricSource, SampleQuery } from "./types";

/** Extra history read before a window so its first increase has a baseline sample (Prometheus's lookback). */
export const LOOKBACK_MS = 5 * 60_000;

export interface SloEvaluation {
  id: string;
  name: string;
  state: SloState;
  source: MetricSource["kind"];
  objective: number;
  periodMs: number;
  evaluatedAt: number;
  /** Events over the period (or the part of it the source has history for). */
  good: number;
  total: number;
  sli: number | null;
  /** 1 = untouched, 0 = spent, < 0 = overspent. */
  budgetRemaining: number | null;
  overspent: boolean;
  /** Burn per distinct window length (5m, 30m, 1h, 6h, 3d), shortest first. */
  windows: WindowBurn[];
  pairs: PairResult[];
  timeToExhaustion: { ms: number | null; basedOnWindowMs: number | null };
  /** Latency SLOs: display quantile (e.g. p95, seconds) over the last hour and over the period. */
  quantile?: { q: number; lastHour: number | null; period: number | null };
  /** Metric names the definition needs and which of them the source has. */
  metricNames: string[];
  missingNames: string[];
  /** Oldest sample seen: when history is shorter than the period, the budget covers only this much. */
  historyFrom: number | null;
  /** Newest sample seen: how fresh the evaluation's data is. */
  newestSample: number | null;
  minEvents: number;
}

export interface EvaluateOptions {
  now: number;
  periodMs?: number;
}

async function loadSeries(source: MetricSource, q: SampleQuery): Promise<CounterSeries[]> {
  const data = source.readSeries ? await source.readSeries(q) : groupRows(await source.readSamples(q));
  return data.map(toCounterSeries).filter((s) => s.ts.length > 0);
}

type Loaded = { series: CounterSeries[]; indicator: Indicator };

/**
 * A scrape store holds raw samples: one read of the longest window serves every window. Prometheus
 * downsamples long ranges, so there each window gets its own read at its own resolution.
 */
async function loadWindows(def: SloDefinition, source: MetricSource, names: string[], now: number, lengths: number[]) {
  const byWindow = new Map<number, Loaded>();
  if (source.kind === "prometheus") {
    await Promise.all(
      lengths.map(async (w) => {
        const series = await loadSeries(source, { names, from: now - w - LOOKBACK_MS, to: now });
        byWindow.set(w, { series, indicator: buildIndicator(def, series) });
      }),
    );
    return byWindow;
  }
  const series = await loadSeries(source, { names, from: now - Math.max(...lengths) - LOOKBACK_MS, to: now });
  const loaded = { series, indicator: buildIndicator(def, series) };
  for (const w of lengths) byWindow.set(w, loaded);
  return byWindow;
}

/**
 * The low-traffic guards. The period's budget is judged once it can hold MIN_BUDGET_FAILURES failures (500 events
 * at 98 %): before that, a couple of failures read as "exhausted". A burn-rate window needs enough events for one
 * failure to fit its budget (50 at 98 %), so short windows of low-traffic SLOs still page on a real burst.
 */
export const MIN_BUDGET_FAILURES = 10;
function eventsFor(def: SloDefinition, failures: number): number {
  const budget = 1 - def.objective;
  const floor = budget > 0 ? Math.ceil(failures / budget - 1e-9) : 0;
  return Math.max(def.minEvents ?? DEFAULT_MIN_EVENTS, floor);
}
export const minEventsFor = (def: SloDefinition) => eventsFor(def, MIN_BUDGET_FAILURES);
export const minWindowEventsFor = (def: SloDefinition) => eventsFor(def, 1);

export async function evaluateSlo(def: SloDefinition, source: MetricSource, opts: EvaluateOptions): Promise<SloEvaluation> {
  const { now } = opts;
  const periodMs = opts.periodMs ?? def.periodMs;
  const minEvents = minEventsFor(def);
  const names = metricNamesFor(def);
  const from = now - periodMs;
  const lengths = [...new Set(WINDOW_PAIRS.flatMap((p) => [p.shortMs, p.longMs]))].sort((a, b) => a - b);
  const byWindow = await loadWindows(def, source, names, now, [...new Set([...lengths, periodMs])]);
  const { series, indicator } = byWindow.get(periodMs)!;
  const missingNames = names.filter((n) => !indicator.matchedNames.has(n));
  const base = {
    id: def.id,
    name: def.name,
    source: source.kind,
    objective: def.objective,
    periodMs,
    evaluatedAt: now,
    metricNames: names,
    missingNames,
    minEvents,
  };

  if (indicator.seriesCount === 0) {
    const anyData = source.hasAnyData ? await source.hasAnyData({ from: from - LOOKBACK_MS, to: now }) : false;
    return {
      ...base,
      state: anyData ? "series_missing" : "no_data",
      good: 0,
      total: 0,
      sli: null,
      budgetRemaining: null,
      overspent: false,
      windows: [],
      pairs: [],
      timeToExhaustion: { ms: null, basedOnWindowMs: null },
      historyFrom: null,
      newestSample: null,
      ...(def.indicator.kind === "latency" ? { quantile: { q: def.indicator.displayQuantile, lastHour: null, period: null } } : {}),
    };
  }

  const period = indicator.events(from, now);
  const remaining = budgetRemaining(period.good, period.total, def.objective);
  const windows = lengths.map((ms) => {
    const e = byWindow.get(ms)!.indicator.events(now - ms, now);
    return windowBurn(ms, e.good, e.total, def.objective, minWindowEventsFor(def));
  });
  const byLength = new Map(windows.map((w) => [w.windowMs, w]));
  const pairs = WINDOW_PAIRS.map((p) => evaluatePair(p, byLength.get(p.longMs)!, byLength.get(p.shortMs)!));

  return {
    ...base,
    state: classify({ periodTotal: period.total, minEvents, remaining, pairs }),
    good: period.good,
    total: period.total,
    sli: period.total > 0 ? period.good / period.total : null,
    budgetRemaining: remaining,
    overspent: remaining !== null && remaining < 0,
    windows,
    pairs,
    timeToExhaustion: exhaustionEstimate(remaining, byLength, periodMs),
    historyFrom: Math.min(...series.map((s) => s.ts[0]!)),
    newestSample: Math.max(...series.map((s) => s.ts[s.ts.length - 1]!)),
    ...quantileFields(def, byWindow.get(HOUR)?.indicator ?? indicator, indicator, now, from),
  };
}

// The 1h burn is recent enough to react to an incident yet not as jumpy as 5m; fall back to 6h.
function exhaustionEstimate(remaining: number | null, byLength: Map<number, WindowBurn>, periodMs: number) {
  for (const ms of [HOUR, 6 * HOUR]) {
    const w = byLength.get(ms);
    if (w && w.burnRate !== null) return { ms: timeToExhaustionMs(remaining, w.burnRate, periodMs), basedOnWindowMs: ms };
  }
  return { ms: remaining !== null && remaining <= 0 ? 0 : null, basedOnWindowMs: null };
}

function quantileFields(def: SloDefinition, hour: Indicator, period: Indicator, now: number, from: number) {
  if (def.indicator.kind !== "latency" || !hour.quantile || !period.quantile) return {};
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  return {
    quantile: {
      q: def.indicator.displayQuantile,
      lastHour: finite(hour.quantile(now - HOUR, now)),
      period: finite(period.quantile(from, now)),
    },
  };
}

export interface SloPoint {
  t: number;
  /** Good and total events within the step ending at t. */
  good?: number;
  total?: number;
  /** SLI within the step ending at t. */
  ratio?: number;
  /** Latency SLOs: display quantile over max(step, 5m) ending at t. */
  p95?: number;
  /** Burn rate over the hour ending at t. */
  burn1h?: number;
  /** Budget left over the period ending at t. */
  budgetRemaining?: number;
}

export interface SeriesOptions {
  from: number;
  to: number;
  maxPoints?: number;
  /** Period for the rolling budget; defaults to the definition's. */
  periodMs?: number;
}

/** Chart series, downsampled on the server to at most maxPoints points. */
export async function sloSeries(def: SloDefinition, source: MetricSource, opts: SeriesOptions): Promise<SloPoint[]> {
  const maxPoints = Math.max(2, opts.maxPoints ?? 800);
  const periodMs = opts.periodMs ?? def.periodMs;
  const { from, to } = opts;
  if (!(to > from)) return [];
  const step = Math.max(15_000, Math.ceil((to - from) / (maxPoints - 1)));
  const names = metricNamesFor(def);
  // The chart range at chart resolution, and the rolling budget's longer range (coarser is fine there).
  const byWindow = await loadWindows(def, source, names, to, [to - from + Math.max(step, HOUR), to - from + periodMs]);
  const indicator = byWindow.get(to - from + Math.max(step, HOUR))!.indicator;
  const budgetIndicator = byWindow.get(to - from + periodMs)!.indicator;
  const minEvents = minWindowEventsFor(def);
  const points: SloPoint[] = [];
  if (indicator.seriesCount === 0 && budgetIndicator.seriesCount === 0) return points;
  for (let t = to - Math.floor((to - from) / step) * step; t <= to; t += step) {
    const p: SloPoint = { t };
    const e = indicator.events(t - step, t);
    p.good = e.good;
    p.total = e.total;
    if (e.total > 0) p.ratio = e.good / e.total;
    const h = indicator.events(t - HOUR, t);
    const hb = windowBurn(HOUR, h.good, h.total, def.objective, minEvents);
    if (hb.burnRate !== null) p.burn1h = hb.burnRate;
    const budget = budgetIndicator.events(t - periodMs, t);
    const rem = budgetRemaining(budget.good, budget.total, def.objective);
    if (rem !== null) p.budgetRemaining = rem;
    if (indicator.quantile) {
      const q = indicator.quantile(t - Math.max(step, 5 * 60_000), t);
      if (Number.isFinite(q)) p.p95 = q;
    }
    points.push(p);
  }
  return points;
}

export type SloOutcome =
  | { id: string; ok: true; evaluation: SloEvaluation }
  | { id: string; ok: false; error: string };

/** Every definition, concurrently; one failing read (e.g. Prometheus timing out) doesn't hide the others. */
export async function evaluateSlos(defs: readonly SloDefinition[], source: MetricSource, opts: EvaluateOptions): Promise<SloOutcome[]> {
  return Promise.all(
    defs.map(async (def): Promise<SloOutcome> => {
      try {
        return { id: def.id, ok: true, evaluation: await evaluateSlo(def, source, opts) };
      } catch (err) {
        return { id: def.id, ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    }),
  );
}
