/**
 * A Map bounded in size and age: the oldest entry goes first when full, and an entry older than ttlMs reads as
 * absent. For per-key memories of the server (who saw what, decoded sessions) that a load of distinct keys must
 * not grow without end.
 */
export class TtlMap<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (this.now() - hit.at >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.now() });
    // Insertion order is age order: the first entries are the oldest, expired or not.
    const t = this.now();
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && t - e.at < this.ttlMs) break;
      this.entries.delete(k);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
