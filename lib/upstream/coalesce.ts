export type CoalesceResult = "hit" | "join" | "miss";

export interface CoalescerOptions {
  /** How long a settled answer is reused. 0 = share only while in flight. */
  freshnessMs: number;
  now?: () => number;
  /** Bound on remembered keys; the least recently used are forgotten first. Default 1,000. */
  maxEntries?: number;
}

export interface Coalesced<T> {
  value: T;
  /** True when this caller did not cause a load (a hit or a join). */
  coalesced: boolean;
  /** How old the value is: 0 for a fresh load or a join. */
  ageMs: number;
  result: CoalesceResult;
}

export interface Coalescer {
  get<T>(key: string, load: () => Promise<T>): Promise<Coalesced<T>>;
  stats(): { hits: number; joins: number; misses: number; size: number };
  clear(): void;
}

interface Entry {
  promise: Promise<unknown>;
  settledAt: number | null;
  value?: unknown;
}

/**
 * Request coalescing with a short freshness window: concurrent callers with one key share one load, and
 * a successful answer is reused for `freshnessMs`. Failures are shared only while in flight, never cached,
 * so the next poll after an outage asks the platform again.
 */
export function createCoalescer(opts: CoalescerOptions): Coalescer {
  const now = opts.now ?? Date.now;
  const maxEntries = Math.max(1, opts.maxEntries ?? 1_000);
  const entries = new Map<string, Entry>();
  let hits = 0;
  let joins = 0;
  let misses = 0;
  let lastSweep = now();

  function touch(key: string, entry: Entry) {
    entries.delete(key);
    entries.set(key, entry);
  }

  /**
   * Settled answers past their freshness are never served again; dropping them (at most once per window) keeps
   * the map to what is live. Without it, 2,000 stale answers of distinct ids (sagas, keys) stayed on the heap.
   */
  function sweep() {
    const t = now();
    if (t - lastSweep < Math.max(opts.freshnessMs, 1_000)) return;
    lastSweep = t;
    for (const [k, e] of entries) if (e.settledAt !== null && !(t - e.settledAt < opts.freshnessMs && t >= e.settledAt)) entries.delete(k);
  }

  function evict() {
    sweep();
    while (entries.size > maxEntries) {
      let victim: string | undefined;
      for (const [k, e] of entries) {
        if (e.settledAt !== null) {
          victim = k;
          break;
        }
      }
      // All in flight: forget the oldest; its callers still get their answer, later ones start anew.
      victim ??= entries.keys().next().value;
      if (victim === undefined) return;
      entries.delete(victim);
    }
  }

  async function get<T>(key: string, load: () => Promise<T>): Promise<Coalesced<T>> {
    const existing = entries.get(key);
    if (existing) {
      if (existing.settledAt === null) {
        joins++;
        touch(key, existing);
        const value = (await existing.promise) as T;
        return { value, coalesced: true, ageMs: 0, result: "join" };
      }
      const ageMs = now() - existing.settledAt;
      if (ageMs < opts.freshnessMs && ageMs >= 0) {
        hits++;
        touch(key, existing);
        return { value: existing.value as T, coalesced: true, ageMs, result: "hit" };
      }
      entries.delete(key);
    }

    misses++;
    const entry: Entry = { promise: Promise.resolve(), settledAt: null };
    entry.promise = (async () => load())().then(
      (value) => {
        if (entries.get(key) === entry) {
          if (opts.freshnessMs > 0) {
            entry.settledAt = now();
            entry.value = value;
          } else {
            entries.delete(key);
          }
        }
        return value;
      },
      (error: unknown) => {
        if (entries.get(key) === entry) entries.delete(key);
        throw error;
      },
    );
    entries.set(key, entry);
    evict();
    const value = (await entry.promise) as T;
    return { value, coalesced: false, ageMs: 0, result: "miss" };
  }

  return {
    get,
    stats: () => ({ hits, joins, misses, size: entries.size }),
    clear() {
      entries.clear();
      hits = 0;
      joins = 0;
      misses = 0;
    },
  };
}
