import { Redis } from "ioredis";
import type { SeedData } from "./seed/index";
import type { BgopsStore } from "./store";
import type { KeyHash, SeedKey } from "./types";

const BATCH = 2_000;

/** The CONTRACT §2.4 key schema in a real Redis, read the way the platform's bgops router reads it. */
export class RedisStore implements BgopsStore {
  readonly kind = "redis" as const;
  readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix = "bgops",
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
    this.redis.on("error", () => {
      // Reported through the failing command; an unhandled 'error' event would crash the simulator.
    });
  }

  private k(...parts: string[]): string {
    return [this.prefix, ...parts].join(":");
  }

  indexTop(limit: number): Promise<string[]> {
    return this.redis.zrevrange(this.k("idempo", "index"), 0, limit - 1);
  }

  keyHash(key: string): Promise<KeyHash> {
    return this.redis.hgetall(this.k("idempo", key));
  }

  sagaRaw(id: string): Promise<string | null> {
    return this.redis.get(this.k("saga", id));
  }

  historyRaw(id: string): Promise<string[]> {
    return this.redis.lrange(this.k("saga", "history", id), 0, -1);
  }

  /** Replaces everything under the prefix (and nothing else) with the seed, in pipelined batches. */
  async load(seed: SeedData): Promise<void> {
    await this.clearPrefix();
    let pipe = this.redis.pipeline();
    let queued = 0;
    const flush = async (force = false) => {
      if (queued === 0 || (!force && queued < BATCH)) return;
      const results = await pipe.exec();
      const failed = results?.find(([err]) => err);
      if (failed?.[0]) throw failed[0];
      pipe = this.redis.pipeline();
      queued = 0;
    };
    for (const key of seed.keys) {
      this.queueKey(pipe, key);
      queued += 3;
      await flush();
    }
    for (const saga of seed.sagas) {
      if (saga.raw !== null) pipe.set(this.k("saga", saga.id), saga.raw);
      for (let i = 0; i < saga.history.length; i += 1000) {
        pipe.rpush(this.k("saga", "history", saga.id), ...saga.history.slice(i, i + 1000));
        queued += 1000;
        await flush();
      }
      queued++;
      await flush();
    }
    for (const op of seed.operations) pipe.hset(this.k("operation", op.id), op.hash);
    const running = seed.sagas.find((s) => s.id === seed.catalog.sagas.running)?.saga;
    if (running) pipe.set(this.k("lock", `saga_execution_${running.saga_id}`), "1", "EX", running.timeout_seconds);
    queued += seed.operations.length + 1;
    await flush(true);
  }

  private queueKey(pipe: ReturnType<Redis["pipeline"]>, key: SeedKey): void {
    const member = key.hash.key ?? "";
    const redisKey = this.k("idempo", member);
    pipe.hset(redisKey, key.hash);
    pipe.pexpireat(redisKey, Math.round(key.expiresAtMs));
    pipe.zadd(this.k("idempo", "index"), String(key.score), member);
  }

  private async clearPrefix(): Promise<void> {
    let cursor = "0";
    do {
      const [next, found] = await this.redis.scan(cursor, "MATCH", `${this.prefix}:*`, "COUNT", 1000);
      cursor = next;
      if (found.length > 0) await this.redis.unlink(...found);
    } while (cursor !== "0");
  }

  async putKey(key: SeedKey): Promise<void> {
    const pipe = this.redis.pipeline();
    this.queueKey(pipe, key);
    await pipe.exec();
  }

  async updateKey(key: string, fields: KeyHash): Promise<void> {
    const redisKey = this.k("idempo", key);
    if ((await this.redis.exists(redisKey)) === 1) await this.redis.hset(redisKey, fields);
  }

  async putSaga(id: string, raw: string): Promise<void> {
    await this.redis.set(this.k("saga", id), raw);
  }

  async pushHistory(id: string, entries: string[]): Promise<void> {
    if (entries.length > 0) await this.redis.rpush(this.k("saga", "history", id), ...entries);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
