/**
 * The embedded metric source's collector: fetch /metrics on an interval, parse it leniently and
 * append the samples (minus client-library `_created` series) to a store.
 */
import { createdSeriesNames, parsePromText, type ParseError } from "./prom-text";
import type { SampleRow } from "./types";

export interface ScrapeResult {
  at: number;
  ok: boolean;
  /** Rows appended. */
  samples: number;
  /** Distinct metric names seen (before filtering), for "exposed but SLO series missing". */
  metricNames: string[];
  parseErrors: ParseError[];
  /** Why the scrape failed (fetch or append), without secrets. */
  error?: string;
  durationMs: number;
}

export interface ScraperOptions {
  fetchMetrics: () => Promise<string>;
  append: (rows: SampleRow[]) => Promise<void>;
  intervalMs?: number;
  now?: () => number;
  /** Keep only these metric names (e.g. the ones SLO definitions read); default: everything. */
  keep?: (name: string) => boolean;
  onResult?: (r: ScrapeResult) => void;
}

export interface Scraper {
  scrapeOnce(): Promise<ScrapeResult>;
  start(): void;
  stop(): void;
  readonly lastResult: ScrapeResult | null;
  readonly running: boolean;
}

export function toSampleRows(text: string, scrapedAt: number, keep?: (name: string) => boolean) {
  const parsed = parsePromText(text);
  const created = createdSeriesNames(parsed);
  const rows: SampleRow[] = [];
  for (const s of parsed.samples) {
    if (created.has(s.name) || (keep && !keep(s.name))) continue;
    rows.push({ name: s.name, labels: s.labels, ts: s.timestampMs ?? scrapedAt, value: s.value });
  }
  return { rows, parsed };
}

export function createScraper(opts: ScraperOptions): Scraper {
  const intervalMs = opts.intervalMs ?? 15_000;
  const now = opts.now ?? Date.now;
  let timer: ReturnType<typeof setInterval> | null = null;
  let inFlight: Promise<ScrapeResult> | null = null;
  let last: ScrapeResult | null = null;

  const run = async (): Promise<ScrapeResult> => {
    const at = now();
    const started = performance.now();
    let result: ScrapeResult;
    try {
      const text = await opts.fetchMetrics();
      const { rows, parsed } = toSampleRows(text, at, opts.keep);
      await opts.append(rows);
      result = {
        at,
        ok: true,
        samples: rows.length,
        metricNames: [...new Set(parsed.samples.map((s) => s.name))],
        parseErrors: parsed.errors,
        durationMs: performance.now() - started,
      };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      result = { at, ok: false, samples: 0, metricNames: [], parseErrors: [], error: message, durationMs: performance.now() - started };
    }
    last = result;
    opts.onResult?.(result);
    return result;
  };

  const scrapeOnce = () => {
    // A slow /metrics must not pile up overlapping scrapes.
    if (!inFlight) inFlight = run().finally(() => (inFlight = null));
    return inFlight;
  };

  return {
    scrapeOnce,
    start() {
      if (timer) return;
      void scrapeOnce();
      timer = setInterval(() => void scrapeOnce(), intervalMs);
      timer.unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    get lastResult() {
      return last;
    },
    get running() {
      return timer !== null;
    },
  };
}
