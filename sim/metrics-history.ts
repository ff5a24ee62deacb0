import type { PlatformMetrics } from "./metrics";
import type { RecordedHistory } from "./metrics-registry";

/** Columnar history of /metrics: one value per snapshot time from the series' first appearance (`from`). */
export type MetricsHistory = RecordedHistory;

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Past incidents (start before the replay's end, length): one big, a few small, so every window shows one. */
export const PAST_INCIDENTS: readonly { agoMs: number; lengthMs: number }[] = [
  { agoMs: 6 * DAY + 3 * HOUR, lengthMs: 45 * MIN },
  { agoMs: 4 * DAY + 20 * HOUR, lengthMs: 20 * MIN },
  { agoMs: 2 * DAY + 9 * HOUR, lengthMs: 2 * HOUR },
  { agoMs: 19 * HOUR, lengthMs: 30 * MIN },
  { agoMs: 2 * HOUR + 10 * MIN, lengthMs: 12 * MIN },
];

/**
 * Replays `days` of traffic through the simulator's own metrics model up to `endMs`, snapshotting every
 * 15 min (every 3 min over the last day): the warm-up of the live counters, and the demo console's backfill.
 */
export function replayMetrics(metrics: PlatformMetrics, endMs: number, days = 7): MetricsHistory {
  const startMs = endMs - days * DAY;
  const incidents = PAST_INCIDENTS.map((i) => ({ from: endMs - i.agoMs, to: endMs - i.agoMs + i.lengthMs }));
  const history: MetricsHistory = { ts: [], series: [] };
  let t = startMs;
  while (t < endMs) {
    const step = Math.min(t + 15 * MIN <= endMs - DAY ? 15 * MIN : 3 * MIN, endMs - t);
    const mid = t + step / 2;
    metrics.advance(step / 1000, incidents.some((i) => mid >= i.from && mid < i.to), 8);
    t += step;
    metrics.recordInto(history, history.ts.push(t) - 1);
  }
  return history;
}

/** The history restricted to some metric names (what the console's SLO definitions read). */
export function selectHistory(h: MetricsHistory, names: ReadonlySet<string> | null): MetricsHistory {
  return names ? { ts: h.ts, series: h.series.filter((s) => names.has(s.name)) } : h;
}
