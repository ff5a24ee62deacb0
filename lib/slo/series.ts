/**
 * Counter series prepared for window queries: sorted once, counter resets folded into a
 * monotonic "adjusted" value, so an increase over any window is two binary searches.
 *
 * increase(from, to) = adjusted(last sample ≤ to) − adjusted(last sample ≤ from), i.e. Prometheus's
 * increase() WITHOUT extrapolation to the window edges. When the series has no sample at or before
 * `from`, its first sample inside the window is the baseline (like Prometheus, a new series is not
 * assumed to have started at 0).
 */
import type { SampleRow, SeriesData } from "./types";

export interface CounterSeries {
  name: string;
  labels: Record<string, string>;
  ts: Float64Array;
  adj: Float64Array;
  resets: number;
}

export function toCounterSeries(data: SeriesData): CounterSeries {
  const n = data.ts.length;
  let order: number[] | null = null;
  for (let i = 1; i < n; i++) {
    if (data.ts[i]! < data.ts[i - 1]!) {
      order = Array.from({ length: n }, (_, k) => k).sort((a, b) => data.ts[a]! - data.ts[b]!);
      break;
    }
  }
  const ts = new Float64Array(n);
  const adj = new Float64Array(n);
  let m = 0;
  let offset = 0;
  let prevRaw = NaN;
  let resets = 0;
  for (let k = 0; k < n; k++) {
    const i = order ? order[k]! : k;
    const v = data.values[i]!;
    const t = data.ts[i]!;
    if (!Number.isFinite(v)) continue;
    if (m > 0 && t === ts[m - 1]) continue; // duplicate timestamp: keep the first
    if (m > 0 && v < prevRaw) {
      offset += prevRaw;
      resets++;
    }
    ts[m] = t;
    adj[m] = v + offset;
    prevRaw = v;
    m++;
  }
  return { name: data.name, labels: data.labels, ts: ts.subarray(0, m), adj: adj.subarray(0, m), resets };
}

/** Index of the last sample with ts ≤ t, or -1. */
export function lastAtOrBefore(ts: Float64Array, t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Increase over (from, to]; 0 when the series has fewer than two samples in reach. */
export function increase(s: CounterSeries, from: number, to: number): number {
  const end = lastAtOrBefore(s.ts, to);
  if (end < 0) return 0;
  let start = lastAtOrBefore(s.ts, from);
  if (start < 0) start = 0;
  if (start >= end) return 0;
  return s.adj[end]! - s.adj[start]!;
}

/** Number of samples of the series within [from, to]. */
export function samplesIn(s: CounterSeries, from: number, to: number): number {
  return lastAtOrBefore(s.ts, to) - lastAtOrBefore(s.ts, from - 1);
}

const keyCache = new WeakMap<Record<string, string>, string>();
export function labelsKey(labels: Record<string, string>): string {
  let k = keyCache.get(labels);
  if (k === undefined) {
    k = Object.keys(labels)
      .sort()
      .map((l) => `${l}=${JSON.stringify(labels[l])}`)
      .join(",");
    keyCache.set(labels, k);
  }
  return k;
}

/** Groups row-shaped samples into per-series columns. */
export function groupRows(rows: readonly SampleRow[]): SeriesData[] {
  const byKey = new Map<string, { name: string; labels: Record<string, string>; ts: number[]; values: number[] }>();
  for (const r of rows) {
    const key = `${r.name}{${labelsKey(r.labels)}}`;
    let s = byKey.get(key);
    if (!s) {
      s = { name: r.name, labels: r.labels, ts: [], values: [] };
      byKey.set(key, s);
    }
    s.ts.push(r.ts);
    s.values.push(r.value);
  }
  return [...byKey.values()];
}
