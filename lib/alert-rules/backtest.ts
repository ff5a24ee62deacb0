/**
 * "Does it fire when it should": the rule's expression over the recent past (Prometheus query_range) next to
 * the console's own evaluation of the same SLO. Pure apart from the query function it is given.
 */
import type { SloPoint } from "@/lib/slo/evaluate";
import { COMPARISONS, parsePromql, print, unparen } from "./promql";
import type { RangeSeries } from "./prometheus";

export type RangeQuery = (query: string, fromMs: number, toMs: number, stepMs: number) => Promise<RangeSeries[]>;

export interface BacktestPoint {
  t: number;
  /** The rule's indicator (the side of its comparison that is not the threshold), worst series. */
  rule?: number;
  fixed?: number;
  /** The console's SLI over the trailing SLI window. */
  sli?: number;
}

export interface Backtest {
  sloId: string;
  from: number;
  to: number;
  stepMs: number;
  objective: number;
  /** The rule's comparison, e.g. { op: "<", threshold: 0.98 }; null when it has no plain threshold. */
  comparison: { op: string; threshold: number } | null;
  points: BacktestPoint[];
  /** The longest stretch where the console's SLI stayed below the objective. */
  breach: { from: number; to: number } | null;
  ruleFiredAt: number | null;
  /** null when there is no corrected rule to try. */
  fixedFiredAt: number | null;
  fixedTried: boolean;
  verdict: "missed" | "caught" | "no-breach";
}

/** SLI window: long enough to smooth single failures, short enough to follow an incident (like a 5m rate). */
export const SLI_WINDOW_MS = 5 * 60_000;
/** A breach is "clear" when the SLI stays below the objective this long. */
export const CLEAR_BREACH_MS = 60_000;

function split(expr: string): { indicator: string; op: string; threshold: number } | null {
  const p = parsePromql(expr);
  if (!p.ok) return null;
  const e = unparen(p.expr);
  if (e.type !== "binary" || !COMPARISONS.has(e.op) || e.bool) return null;
  const l = unparen(e.lhs);
  const r = unparen(e.rhs);
  if (r.type === "number") return { indicator: print(e.lhs), op: e.op, threshold: r.value };
  if (l.type === "number") {
    const flipped: Record<string, string> = { "<": ">", ">": "<", "<=": ">=", ">=": "<=", "==": "==", "!=": "!=" };
    return { indicator: print(e.rhs), op: flipped[e.op]!, threshold: l.value };
  }
  return null;
}

/** One value per step: the series most likely to trip the comparison. */
function worst(series: RangeSeries[], op: string | null): Map<number, number> {
  const out = new Map<number, number>();
  const pick = op === "<" || op === "<=" ? Math.min : Math.max;
  for (const s of series) {
    for (const { t, v } of s.points) {
      if (!Number.isFinite(v)) continue;
      const prev = out.get(t);
      out.set(t, prev === undefined ? v : pick(prev, v));
    }
  }
  return out;
}

const firstAt = (series: RangeSeries[]) => {
  const ts = series.flatMap((s) => s.points.map((p) => p.t));
  return ts.length ? Math.min(...ts) : null;
};

/** The console's SLI over a trailing window at each of its points. */
export function trailingSli(points: readonly SloPoint[], windowMs = SLI_WINDOW_MS): { t: number; sli: number }[] {
  const out: { t: number; sli: number }[] = [];
  for (let i = 0; i < points.length; i++) {
    let good = 0;
    let total = 0;
    for (let j = i; j >= 0 && points[i]!.t - points[j]!.t < windowMs; j--) {
      good += points[j]!.good ?? 0;
      total += points[j]!.total ?? 0;
    }
    if (total > 0) out.push({ t: points[i]!.t, sli: good / total });
  }
  return out;
}

export function longestBreach(sli: readonly { t: number; sli: number }[], objective: number, minMs = CLEAR_BREACH_MS): { from: number; to: number } | null {
  let best: { from: number; to: number } | null = null;
  let start: number | null = null;
  for (let i = 0; i < sli.length; i++) {
    const below = sli[i]!.sli < objective;
    if (below && start === null) start = sli[i]!.t;
    const ends = !below || i === sli.length - 1;
    if (start !== null && ends) {
      const end = below ? sli[i]!.t : sli[i - 1]!.t;
      if (end - start >= minMs && (!best || end - start > best.to - best.from)) best = { from: start, to: end };
      if (!below) start = null;
    }
  }
  return best;
}

export async function backtest(opts: {
  sloId: string;
  objective: number;
  expr: string;
  fixedExpr: string | null;
  sloPoints: readonly SloPoint[];
  from: number;
  to: number;
  stepMs: number;
  query: RangeQuery;
}): Promise<Backtest> {
  const { from, to, stepMs, query } = opts;
  const parts = split(opts.expr);
  const fixedParts = opts.fixedExpr ? split(opts.fixedExpr) : null;
  const [ruleCurve, fired, fixedCurve, fixedFired] = await Promise.all([
    parts ? query(parts.indicator, from, to, stepMs) : Promise.resolve([]),
    query(opts.expr, from, to, stepMs),
    fixedParts ? query(fixedParts.indicator, from, to, stepMs) : Promise.resolve([]),
    opts.fixedExpr ? query(opts.fixedExpr, from, to, stepMs) : Promise.resolve([]),
  ]);
  const sli = trailingSli(opts.sloPoints);
  const byT = new Map<number, BacktestPoint>();
  const at = (t: number) => byT.get(t) ?? byT.set(t, { t }).get(t)!;
  for (const [t, v] of worst(ruleCurve, parts?.op ?? null)) at(t).rule = v;
  for (const [t, v] of worst(fixedCurve, fixedParts?.op ?? null)) at(t).fixed = v;
  for (const p of sli) at(p.t).sli = p.sli;
  const breach = longestBreach(sli, opts.objective);
  const ruleFiredAt = firstAt(fired);
  // The rule "caught" the breach when its condition held at some point from the breach's start to its end.
  const heldDuring = fired.some((s) => s.points.some((p) => breach && p.t >= breach.from - SLI_WINDOW_MS && p.t <= breach.to + SLI_WINDOW_MS));
  return {
    sloId: opts.sloId,
    from,
    to,
    stepMs,
    objective: opts.objective,
    comparison: parts ? { op: parts.op, threshold: parts.threshold } : null,
    points: [...byT.values()].sort((a, b) => a.t - b.t),
    breach,
    ruleFiredAt,
    fixedFiredAt: firstAt(fixedFired),
    fixedTried: opts.fixedExpr !== null,
    verdict: !breach ? "no-breach" : heldDuring ? "caught" : "missed",
  };
}
