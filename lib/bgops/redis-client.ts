import { Redis } from "ioredis";
import type { RedisLike } from "@/lib/bgops/read-only-redis";

export interface BgopsRedisClient extends RedisLike {
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 1_000;

/**
 * The console's connection to the platform's Redis. A command never waits in an offline queue: while Redis
 * is unreachable it fails at once with the real cause ("connect ECONNREFUSED 10.0.0.5:6379"), not "Command
 * timed out" or "max retries per request" seconds later, and each connect attempt is bounded to 1 s.
 */
export function createBgopsRedisClient(url: string, opts: { onError?: (err: Error) => void } = {}): BgopsRedisClient {
  let lastError: Error | null = null;
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: 3_000,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // Reconnects in the background (up to every 2 s), so a page's next refresh finds Redis as soon as it is back.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    enableReadyCheck: false,
  });
  client.on("error", (err: Error) => {
    lastError = err;
    opts.onError?.(err);
  });
  client.on("ready", () => {
    lastError = null;
  });

  const unreachable = () => new Error(`Redis is unreachable: ${lastError?.message ?? `connection ${client.status}`}`);

  async function ready(): Promise<void> {
    if (client.status === "ready") return;
    if (client.status === "wait" || client.status === "end") {
      // connect() rejects with the socket's own error (ECONNREFUSED, ENOTFOUND, connect ETIMEDOUT).
      await client.connect().catch((err: Error) => {
        // connect() itself only says "Connection is closed"; the socket's error came as an "error" event.
        lastError ??= err;
        throw unreachable();
      });
      return;
    }
    throw unreachable();
  }

  return {
    async call(command, ...args) {
      await ready();
      return client.call(command, ...args);
    },
    async close() {
      client.disconnect(false);
    },
  };
}
