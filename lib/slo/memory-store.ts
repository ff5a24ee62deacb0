/**
 * In-memory sample store: one growable column pair per series, trimmed to the retention.
 * Reads return zero-copy views (compaction always moves data to a new buffer, so a view handed
 * out earlier never sees its contents shift).
 */
import { labelsKey } from "./series";
import type { MetricSource, SampleQuery, SampleRow, SeriesData } from "./types";

interface StoredSeries {
  name: string;
  labels: Record<string, string>;
  ts: Float64Array;
  values: Float64Array;
  head: number;
  len: number;
}

export interface MemorySampleStore extends MetricSource {
  kind: "scrape";
  append(rows: readonly SampleRow[]): Promise<void>;
  readSeries(q: SampleQuery): Promise<SeriesData[]>;
  hasAnyData(q: { from: number; to: number }): Promise<boolean>;
  /** Samples currently held, and rows dropped for arriving older than their series' newest sample. */
  stats(): { series: number; samples: number; droppedOutOfOrder: number; newestTs: number | null };
}

export function createMemorySampleStore(opts: { retentionMs: number }): MemorySampleStore {
  const series = new Map<string, StoredSeries>();
  const byName = new Map<string, StoredSeries[]>();
  let dropped = 0;
  let newest = -Infinity;

  const ensure = (row: SampleRow): StoredSeries => {
    const key = `${row.name}{${labelsKey(row.labels)}}`;
    let s = series.get(key);
    if (!s) {
      s = { name: row.name, labels: { ...row.labels }, ts: new Float64Array(64), values: new Float64Array(64), head: 0, len: 0 };
      series.set(key, s);
      const list = byName.get(row.name) ?? [];
      list.push(s);
      byName.set(row.name, list);
    }
    return s;
  };

  const push = (s: StoredSeries, ts: number, value: number) => {
    if (s.len > 0 && ts <= s.ts[s.head + s.len - 1]!) {
      dropped++;
      return;
    }
    if (s.head + s.len === s.ts.length) {
      const cap = Math.max(64, s.len * 2);
      const nts = new Float64Array(cap);
      const nvs = new Float64Array(cap);
      nts.set(s.ts.subarray(s.head, s.head + s.len));
      nvs.set(s.values.subarray(s.head, s.head + s.len));
      s.ts = nts;
      s.values = nvs;
      s.head = 0;
    }
    s.ts[s.head + s.len] = ts;
    s.values[s.head + s.len] = value;
    s.len++;
  };

  const trim = (s: StoredSeries, cutoff: number) => {
    let drop = 0;
    while (drop < s.len && s.ts[s.head + drop]! < cutoff) drop++;
    s.head += drop;
    s.len -= drop;
  };

  const view = (s: StoredSeries, from: number, to: number): SeriesData | null => {
    const start = s.head + lowerBound(s.ts, s.head, s.head + s.len, from);
    const end = s.head + lowerBound(s.ts, s.head, s.head + s.len, to + 1);
    if (end <= start) return null;
    return { name: s.name, labels: s.labels, ts: s.ts.subarray(start, end), values: s.values.subarray(start, end) };
  };

  const readSeries = async (q: SampleQuery): Promise<SeriesData[]> => {
    const out: SeriesData[] = [];
    for (const name of new Set(q.names)) {
      for (const s of byName.get(name) ?? []) {
        const v = view(s, q.from, q.to);
        if (v) out.push(v);
      }
    }
    return out;
  };

  return {
    kind: "scrape",
    async append(rows) {
      for (const r of rows) {
        push(ensure(r), r.ts, r.value);
        if (r.ts > newest) newest = r.ts;
      }
      const cutoff = newest - opts.retentionMs;
      for (const s of series.values()) trim(s, cutoff);
    },
    readSeries,
    async readSamples(q) {
      const rows: SampleRow[] = [];
      for (const s of await readSeries(q)) {
        for (let i = 0; i < s.ts.length; i++) rows.push({ name: s.name, labels: s.labels, ts: s.ts[i]!, value: s.values[i]! });
      }
      return rows;
    },
    async hasAnyData(q) {
      for (const s of series.values()) if (view(s, q.from, q.to)) return true;
      return false;
    },
    stats() {
      let samples = 0;
      for (const s of series.values()) samples += s.len;
      return { series: series.size, samples, droppedOutOfOrder: dropped, newestTs: Number.isFinite(newest) ? newest : null };
    },
  };
}

/** First index in [lo, hi) whose value is ≥ x, relative to lo. */
function lowerBound(arr: Float64Array, lo: number, hi: number, x: number): number {
  const base = lo;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo - base;
}
