import type { UpstreamHistoryEntry } from "@/lib/upstream/schemas/bgops";
import { parseIsoMicros } from "@/lib/domain/time";

/**
 * History oldest first by timestamp. The route returns oldest first but the platform's own getters
 * return newest first (CONTRACT §2.3), so order is never trusted. Stable: equal timestamps keep the
 * source order; entries without a readable timestamp go last, in source order.
 */
export function sortHistory<T extends Pick<UpstreamHistoryEntry, "timestamp">>(entries: readonly T[]): T[] {
  return entries
    .map((entry, index) => ({ entry, index, at: parseIsoMicros(entry.timestamp) }))
    .sort((a, b) => {
      if (a.at === null || b.at === null) {
        if (a.at === b.at) return a.index - b.index;
        return a.at === null ? 1 : -1;
      }
      return a.at - b.at || a.index - b.index;
    })
    .map((x) => x.entry);
}
