/**
 * Error-budget arithmetic as the SRE Workbook ("Alerting on SLOs") defines it, for a 30-day
 * period: burn rate = error ratio / (1 − objective); a pair of windows alerts when both burn above
 * its factor (the short window makes the alert reset quickly once the burn stops).
 */

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export interface WindowPair {
  id: "page_fast" | "page_slow" | "ticket";
  longMs: number;
  shortMs: number;
  /** Burn-rate factor; 14.4 over 1h spends 2% of a 30-day budget. */
  factor: number;
  severity: "page" | "ticket";
}

export const WINDOW_PAIRS: readonly WindowPair[] = [
  { id: "page_fast", longMs: HOUR, shortMs: 5 * MINUTE, factor: 14.4, severity: "page" },
  { id: "page_slow", longMs: 6 * HOUR, shortMs: 30 * MINUTE, factor: 6, severity: "page" },
  { id: "ticket", longMs: 72 * HOUR, shortMs: 6 * HOUR, factor: 1, severity: "ticket" },
];

/** Events a window needs before its burn rate means anything. */
export const DEFAULT_MIN_EVENTS = 10;

export type SloState =
  | "healthy"
  | "burning_fast"
  | "burning_slow"
  | "exhausted"
  | "no_data"
  | "insufficient_traffic"
  /** A burn-rate pair fires, but the period has too few events to judge its budget: still shown as burning. */
  | "burning_low_traffic"
  | "series_missing";

export function errorRatio(good: number, total: number): number | null {
  return total > 0 ? Math.max(0, total - good) / total : null;
}

export function burnRate(ratio: number | null, objective: number): number | null {
  return ratio === null ? null : ratio / (1 - objective);
}

/**
 * Fraction of the error budget left: 1 = untouched, 0 = spent, below 0 = overspent.
 * Budget = (1 − objective) × total events in the period.
 */
export function budgetRemaining(good: number, total: number, objective: number): number | null {
  if (total <= 0) return null;
  const allowed = (1 - objective) * total;
  const bad = Math.max(0, total - good);
  return 1 - bad / allowed;
}

/**
 * Time until the remaining budget is gone if the current burn rate holds. A burn rate of 1 spends
 * a whole budget in exactly one period. null: not burning (or nothing to spend); 0: already spent.
 */
export function timeToExhaustionMs(remaining: number | null, rate: number | null, periodMs: number): number | null {
  if (remaining === null || rate === null) return null;
  if (remaining <= 0) return 0;
  if (rate <= 0) return null;
  return (remaining * periodMs) / rate;
}

export interface WindowBurn {
  windowMs: number;
  good: number;
  total: number;
  errorRatio: number | null;
  /** null when the window had no events or too few to judge. */
  burnRate: number | null;
  insufficient: boolean;
}

export function windowBurn(windowMs: number, good: number, total: number, objective: number, minEvents: number): WindowBurn {
  const insufficient = total < minEvents;
  const ratio = errorRatio(good, total);
  return { windowMs, good, total, errorRatio: ratio, burnRate: insufficient ? null : burnRate(ratio, objective), insufficient };
}

export interface PairResult {
  pair: WindowPair;
  long: WindowBurn;
  short: WindowBurn;
  firing: boolean;
}

export function evaluatePair(pair: WindowPair, long: WindowBurn, short: WindowBurn): PairResult {
  const over = (w: WindowBurn) => w.burnRate !== null && w.burnRate >= pair.factor;
  return { pair, long, short, firing: over(long) && over(short) };
}

export function classify(input: {
  periodTotal: number;
  minEvents: number;
  remaining: number | null;
  pairs: readonly PairResult[];
}): SloState {
  const firing = (id: WindowPair["id"]) => input.pairs.some((p) => p.pair.id === id && p.firing);
  // Each window has its own event floor, so a pair that fires has enough events to mean it: the period's
  // low-traffic guard may soften the budget, never hide the burn.
  if (input.periodTotal <= 0 || input.periodTotal < input.minEvents) {
    return input.pairs.some((p) => p.firing) ? "burning_low_traffic" : "insufficient_traffic";
  }
  if (firing("page_fast")) return "burning_fast";
  if (input.remaining !== null && input.remaining <= 0) return "exhausted";
  if (firing("page_slow") || firing("ticket")) return "burning_slow";
  return "healthy";
}
