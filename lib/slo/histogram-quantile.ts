/**
 * Quantile from classic histogram buckets, reproducing PromQL's histogram_quantile():
 * linear interpolation inside the bucket holding the rank, a lower bound of 0 for the first
 * bucket when its upper bound is positive, and the second-highest bound when the rank falls
 * in the +Inf bucket.
 */

export interface Bucket {
  /** Inclusive upper bound (the `le` label as a number). */
  le: number;
  /** Cumulative count of observations ≤ le (or its increase/rate over a window). */
  count: number;
}

// Prometheus treats relative deltas this small between adjacent buckets as float noise.
const SMALL_DELTA_TOLERANCE = 1e-12;

export function histogramQuantile(q: number, buckets: readonly Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;

  const sorted = coalesce([...buckets].filter((b) => !Number.isNaN(b.le)).sort((a, b) => a.le - b.le));
  const last = sorted[sorted.length - 1];
  if (!last || last.le !== Infinity) return NaN;
  makeMonotonic(sorted);
  if (sorted.length < 2) return NaN;

  const observations = last.count;
  if (!(observations > 0)) return NaN;
  let rank = q * observations;

  // First bucket (excluding +Inf) whose cumulative count reaches the rank.
  const idx = firstAtLeast(sorted, rank, sorted.length - 1);
  if (idx === sorted.length - 1) return sorted[sorted.length - 2]!.le;
  const bucket = sorted[idx]!;
  if (idx === 0 && bucket.le <= 0) return bucket.le;

  let lower = 0;
  let count = bucket.count;
  if (idx > 0) {
    const prev = sorted[idx - 1]!;
    lower = prev.le;
    count -= prev.count;
    rank -= prev.count;
  }
  return lower + (bucket.le - lower) * (rank / count);
}

/** `le="0.2"`, `le="2e-1"` and `le="+Inf"`/`"+inf"` spell the same bound; their counts add up. */
function coalesce(sorted: Bucket[]): Bucket[] {
  const out: Bucket[] = [];
  for (const b of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.le === b.le) prev.count += b.count;
    else out.push({ le: b.le, count: b.count });
  }
  return out;
}

function makeMonotonic(sorted: Bucket[]): void {
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!.count;
    const cur = sorted[i]!;
    if (cur.count < prev) cur.count = prev;
    else if (cur.count - prev <= SMALL_DELTA_TOLERANCE * Math.abs(cur.count)) cur.count = prev;
  }
}

function firstAtLeast(sorted: readonly Bucket[], rank: number, n: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.count >= rank) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Reads an `le` label the way Prometheus does (Go float syntax); undefined when unparsable. */
export function parseLe(le: string | undefined): number | undefined {
  if (le === undefined) return undefined;
  const t = le.trim().toLowerCase();
  if (t === "+inf" || t === "inf" || t === "+infinity" || t === "infinity") return Infinity;
  if (t === "-inf" || t === "-infinity") return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}

/** Fraction of observations ≤ threshold, interpolated like histogram_fraction(0, threshold). */
export function fractionAtOrBelow(threshold: number, buckets: readonly Bucket[]): number {
  const sorted = coalesce([...buckets].filter((b) => !Number.isNaN(b.le)).sort((a, b) => a.le - b.le));
  const last = sorted[sorted.length - 1];
  if (!last || last.le !== Infinity) return NaN;
  makeMonotonic(sorted);
  const total = last.count;
  if (!(total > 0)) return NaN;
  let lowerLe = 0;
  let lowerCount = 0;
  for (const b of sorted) {
    if (b.le >= threshold) {
      if (b.le === Infinity) return lowerCount / total;
      if (b.le === threshold) return b.count / total;
      const width = b.le - lowerLe;
      const part = width > 0 ? (threshold - lowerLe) / width : 1;
      return (lowerCount + (b.count - lowerCount) * Math.max(0, part)) / total;
    }
    lowerLe = b.le;
    lowerCount = b.count;
  }
  return lowerCount / total;
}
