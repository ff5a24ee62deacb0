/** Turns an SLO definition plus its counter series into good/total event counts per window. */
import type { SloDefinition } from "./definitions";
import { fractionAtOrBelow, histogramQuantile, parseLe, type Bucket } from "./histogram-quantile";
import { matchesLabels, type Selector } from "./selector";
import { increase, type CounterSeries } from "./series";

export interface WindowEvents {
  good: number;
  total: number;
}

export interface Indicator {
  events(from: number, to: number): WindowEvents;
  /** Latency SLOs only: the display quantile (e.g. p95, seconds) over the window; NaN when undefined. */
  quantile?(from: number, to: number): number;
  /** Series the definition matched, by metric name. */
  matchedNames: Set<string>;
  seriesCount: number;
}

function select(series: readonly CounterSeries[], sel: Selector, metric = sel.metric): CounterSeries[] {
  return series.filter((s) => s.name === metric && matchesLabels(sel.matchers, s.labels));
}

const sumIncrease = (list: readonly CounterSeries[], from: number, to: number) =>
  list.reduce((acc, s) => acc + increase(s, from, to), 0);

export function buildIndicator(def: SloDefinition, series: readonly CounterSeries[]): Indicator {
  const ind = def.indicator;
  if (ind.kind === "ratio" || ind.kind === "error_ratio") {
    const part = select(series, ind.kind === "ratio" ? ind.good : ind.bad);
    const total = select(series, ind.total);
    const matched = [...part, ...total];
    return {
      matchedNames: new Set(matched.map((s) => s.name)),
      seriesCount: new Set(matched).size,
      events(from, to) {
        const t = sumIncrease(total, from, to);
        // Separate counters are scraped at slightly different instants; never report more good than total.
        const p = Math.min(sumIncrease(part, from, to), t);
        return ind.kind === "ratio" ? { good: p, total: t } : { good: t - p, total: t };
      },
    };
  }

  const bucketSeries = select(series, ind.histogram, `${ind.histogram.metric}_bucket`)
    .map((s) => ({ s, le: parseLe(s.labels.le) }))
    .filter((b): b is { s: CounterSeries; le: number } => b.le !== undefined);
  const bucketsIn = (from: number, to: number): Bucket[] => {
    const byLe = new Map<number, number>();
    for (const { s, le } of bucketSeries) byLe.set(le, (byLe.get(le) ?? 0) + increase(s, from, to));
    return [...byLe].map(([le, count]) => ({ le, count }));
  };
  return {
    matchedNames: new Set(bucketSeries.map((b) => b.s.name)),
    seriesCount: bucketSeries.length,
    events(from, to) {
      const buckets = bucketsIn(from, to);
      const total = buckets.find((b) => b.le === Infinity)?.count ?? 0;
      if (total <= 0) return { good: 0, total: 0 };
      const frac = fractionAtOrBelow(ind.thresholdSeconds, buckets);
      return { good: Number.isNaN(frac) ? 0 : frac * total, total };
    },
    quantile(from, to) {
      return histogramQuantile(ind.displayQuantile, bucketsIn(from, to));
    },
  };
}
