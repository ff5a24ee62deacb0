/** One raw counter / bucket sample, as stored by the scraper or returned by Prometheus. */
export interface SampleRow {
  name: string;
  labels: Record<string, string>;
  /** Milliseconds since the epoch. */
  ts: number;
  value: number;
}

/** Column-oriented series, for sources that can hand them over without one object per sample. */
export interface SeriesData {
  name: string;
  labels: Record<string, string>;
  /** Ascending timestamps (ms). */
  ts: Float64Array | number[];
  values: Float64Array | number[];
}

export interface SampleQuery {
  names: string[];
  from: number;
  to: number;
}

export interface MetricSource {
  kind: "scrape" | "prometheus";
  /** Raw counter/bucket samples for these metric names within [from, to]. */
  readSamples(q: SampleQuery): Promise<SampleRow[]>;
  /** Optional fast path: the same data grouped per series. */
  readSeries?(q: SampleQuery): Promise<SeriesData[]>;
  /** Whether the source holds any samples at all in [from, to]; tells "series missing" from "no data". */
  hasAnyData?(q: { from: number; to: number }): Promise<boolean>;
}
