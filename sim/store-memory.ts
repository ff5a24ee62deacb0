import type { SeedData } from "./seed/index";
import { WrongTypeError, type BgopsStore } from "./store";
import type { KeyHash, SeedKey } from "./types";

/** In-process stand-in for Redis with the same observable semantics (expired HASHes vanish, index stays). */
export class MemoryStore implements BgopsStore {
  readonly kind = "memory" as const;
  private keys = new Map<string, { hash: KeyHash; expiresAtMs: number }>();
  private index = new Map<string, number>();
  private sortedIndex: string[] | null = null;
  private sagas = new Map<string, string>();
  private histories = new Map<string, string[]>();

  constructor(private readonly now: () => number) {}

  async indexTop(limit: number): Promise<string[]> {
    if (!this.sortedIndex) {
      this.sortedIndex = [...this.index.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : -1)).map(([m]) => m);
    }
    return this.sortedIndex.slice(0, limit);
  }

  async keyHash(key: string): Promise<KeyHash> {
    if (key === "index") throw new WrongTypeError();
    const found = this.keys.get(key);
    if (!found || found.expiresAtMs <= this.now()) return {};
    return { ...found.hash };
  }

  async sagaRaw(id: string): Promise<string | null> {
    return this.sagas.get(id) ?? null;
  }

  async historyRaw(id: string): Promise<string[]> {
    return [...(this.histories.get(id) ?? [])];
  }

  async load(seed: SeedData): Promise<void> {
    for (const key of seed.keys) await this.putKey(key);
    for (const saga of seed.sagas) {
      if (saga.raw !== null) this.sagas.set(saga.id, saga.raw);
      if (saga.history.length > 0) this.histories.set(saga.id, [...saga.history]);
    }
  }

  async putKey(key: SeedKey): Promise<void> {
    const member = key.hash.key ?? "";
    this.keys.set(member, { hash: { ...key.hash }, expiresAtMs: key.expiresAtMs });
    this.index.set(member, key.score);
    this.sortedIndex = null;
  }

  async updateKey(key: string, fields: KeyHash): Promise<void> {
    const found = this.keys.get(key);
    if (found) Object.assign(found.hash, fields);
  }

  async putSaga(id: string, raw: string): Promise<void> {
    this.sagas.set(id, raw);
  }

  async pushHistory(id: string, entries: string[]): Promise<void> {
    const list = this.histories.get(id) ?? [];
    list.push(...entries);
    this.histories.set(id, list);
  }

  async close(): Promise<void> {}
}
