import type { MetricsHistory } from "./metrics-history";
import type { PlatformMetrics } from "./metrics";
import type { ScenarioBoard } from "./scenarios";
import type { BgopsStore } from "./store";
import type { SimCatalog, SimSurface } from "./types";

export interface IncidentInfo {
  active: boolean;
  periodS: number;
  lengthS: number;
}

/** Counts of non-control requests, per surface + method + path, so tests can prove nothing was sent. */
export class RequestLog {
  private counts = new Map<string, { surface: SimSurface; method: string; path: string; count: number }>();

  record(surface: SimSurface, method: string, path: string): void {
    const key = `${surface} ${method} ${path}`;
    const found = this.counts.get(key);
    if (found) found.count++;
    else this.counts.set(key, { surface, method, path, count: 1 });
  }

  count(filter: { surface?: string; pathPrefix?: string } = {}): number {
    let total = 0;
    for (const c of this.counts.values()) {
      if (filter.surface && c.surface !== filter.surface) continue;
      if (filter.pathPrefix && !c.path.startsWith(filter.pathPrefix)) continue;
      total += c.count;
    }
    return total;
  }

  entries() {
    return [...this.counts.values()].map((c) => ({ ...c }));
  }

  reset(): void {
    this.counts.clear();
  }
}

export interface SimContext {
  board: ScenarioBoard;
  store: BgopsStore;
  metrics: PlatformMetrics;
  /** The replayed week of /metrics the live counters continue from (GET /__sim/metrics/history). */
  metricsHistory: MetricsHistory;
  catalog: SimCatalog;
  requests: RequestLog;
  now: () => number;
  startedAtMs: number;
  incident: () => IncidentInfo;
  /** Pending timers (slow answers, legacy health's 1 s) so close() can clear them. */
  delay(ms: number): Promise<void>;
  /** How many requests each surface has seen, for the flaky scenario's fixed pattern. */
  flakyCounter: Map<SimSurface, number>;
  static: boolean;
  seed: number;
}
