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
  // Typed arrays keep the hot loop monomorphic.
  const srcTs = data.ts instanceof Float64Array ? data.ts : Float64Array.from(data.ts);
  const srcValues = data.values instanceof Float64Array ? data.values : Float64Array.from(data.values);
  let sorted = true;
  for (let i = 1; i < n; i++) {
    if (srcTs[i]! < srcTs[i - 1]!) {
      sorted = false;
      break;
    }
  }
  let inTs = srcTs;
  let inValues = srcValues;
  if (!sorted) {
    const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => srcTs[a]! - srcTs[b]!);
    inTs = Float64Array.from(order, (i) => srcTs[i]!);
    inValues = Float64Array.from(order, (i) => srcValues[i]!);
  }
  const ts = new Float64Array(n);
  const adj = new Float64Array(n);
  let m = 0;
  let offset = 0;
  let prevRaw = NaN;
  let prevTs = NaN;
  let resets = 0;
  for (let i = 0; i < n; i++) {
    const v = inValues[i]!;
    const t = inTs[i]!;
    if (v !== v || v === Infinity || v === -Infinity) continue;
    if (t === prevTs) continue; // duplicate timestamp: keep the first
    if (v < prevRaw) {
      offset += prevRaw;
      resets++;
    }
    ts[m] = t;
    adj[m] = v + offset;
    prevRaw = v;
    prevTs = t;
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
  type Bucket = { name: string; labels: Record<string, string>; ts: number[]; values: number[] };
  const byKey = new Map<string, Bucket>();
  // Rows of one series usually share their labels object: skip building the key string for them.
  const byObject = new Map<Record<string, string>, Map<string, Bucket>>();
  for (const r of rows) {
    let perName = byObject.get(r.labels);
    let b = perName?.get(r.name);
    if (!b) {
      const key = `${r.name}{${labelsKey(r.labels)}}`;
      b = byKey.get(key);
      if (!b) {
        b = { name: r.name, labels: r.labels, ts: [], values: [] };
        byKey.set(key, b);
      }
      if (!perName) byObject.set(r.labels, (perName = new Map()));
      perName.set(r.name, b);
    }
    b.ts.push(r.ts);
    b.values.push(r.value);
  }
  return [...byKey.values()];
}
