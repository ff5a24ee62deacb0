import type { SeedData } from "./seed/index";
import type { KeyHash, SeedKey } from "./types";

/** Redis primitives the platform's bgops router uses, so one route implementation serves both stores. */
export interface BgopsStore {
  readonly kind: "memory" | "redis";
  /** ZREVRANGE {prefix}:idempo:index 0 limit-1 */
  indexTop(limit: number): Promise<string[]>;
  /** HGETALL {prefix}:idempo:{key}: {} when missing or expired; rejects with a WRONGTYPE error for non-hash keys. */
  keyHash(key: string): Promise<KeyHash>;
  /** GET {prefix}:saga:{id} */
  sagaRaw(id: string): Promise<string | null>;
  /** LRANGE {prefix}:saga:history:{id} 0 -1 */
  historyRaw(id: string): Promise<string[]>;
  load(seed: SeedData): Promise<void>;
  putKey(key: SeedKey): Promise<void>;
  /** HSET on an existing record, keeping its TTL. */
  updateKey(key: string, fields: KeyHash): Promise<void>;
  putSaga(id: string, raw: string): Promise<void>;
  pushHistory(id: string, entries: string[]): Promise<void>;
  close(): Promise<void>;
}

export class WrongTypeError extends Error {
  constructor() {
    super("WRONGTYPE Operation against a key holding the wrong kind of value");
  }
}
