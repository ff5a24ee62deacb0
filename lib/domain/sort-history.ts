import type { UpstreamHistoryEntry } from "@/lib/upstream/schemas/bgops";
import { parseIsoMicros } from "@/lib/domain/time";

/**
 * History oldest first by timestamp. The route returns oldest first but the platform's own getters
 * return newest first (CONTRACT §2.3), so order is never trusted. Stable: equal timestamps keep the
 * source order; entries without a readable timestamp go last, in source order.
 */
export function sortHistory<T extends Pick<UpstreamHistoryEntry, "timestamp">>(entries: readonly T[]): T[] {
  return sortWithTimes(entries).map((x) => x.entry);
}

/** sortHistory, keeping each entry's parsed time (epoch µs) so callers need not parse it again. */
export function sortWithTimes<T extends Pick<UpstreamHistoryEntry, "timestamp">>(entries: readonly T[]): { entry: T; at: number | null }[] {
  return entries
    .map((entry, index) => ({ entry, index, at: parseIsoMicros(entry.timestamp) }))
    .sort((a, b) => {
      if (a.at === null || b.at === null) {
        if (a.at === b.at) return a.index - b.index;
        return a.at === null ? 1 : -1;
      }
      return a.at - b.at || a.index - b.index;
    });
}
