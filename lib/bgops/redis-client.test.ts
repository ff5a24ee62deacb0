import { afterAll, describe, expect, it } from "vitest";
import { createBgopsRedisClient, type BgopsRedisClient } from "@/lib/bgops/redis-client";
import { createRedisSource } from "@/lib/bgops/redis-source";
import { startRedis, type ThrowawayRedis } from "@/lib/testing/redis";
import { freePort } from "@/lib/testing/daemon";

const SAGA = "5f0c3a52-1e7b-4c4a-9d2e-6a1b7c000004";

async function timed<T>(p: Promise<T>): Promise<{ ms: number; error: Error | null }> {
  const t0 = performance.now();
  try {
    await p;
    return { ms: performance.now() - t0, error: null };
  } catch (e) {
    return { ms: performance.now() - t0, error: e as Error };
  }
}

const clients: BgopsRedisClient[] = [];
let redis: ThrowawayRedis | undefined;
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await redis?.stop();
});

describe("the console's Redis connection says why Redis cannot be read, at once", () => {
  it("refused connection: ECONNREFUSED within 1 s, again on the next read, never a command timeout", async () => {
    const port = await freePort();
    const client = createBgopsRedisClient(`redis://127.0.0.1:${port}/0`);
    clients.push(client);
    const source = createRedisSource(client);
    for (let i = 0; i < 2; i++) {
      const { ms, error } = await timed(source.getSaga(SAGA));
      expect(error?.message).toMatch(/Redis is unreachable: .*ECONNREFUSED 127\.0\.0\.1:\d+/);
      expect(error?.message).not.toMatch(/timed out|max retries/i);
      expect(ms).toBeLessThan(1_000);
    }
  });

  it("Redis going away and coming back: the real cause while it is down, answers again once it is back", async () => {
    const port = await freePort();
    redis = await startRedis({ port });
    const client = createBgopsRedisClient(redis.url);
    clients.push(client);
    const source = createRedisSource(client);
    await expect(source.getSaga(SAGA)).resolves.toMatchObject({ found: false });

    await redis.stop();
    redis = undefined;
    // The first reconnect attempt fails at once; its error is what the next read reports.
    await new Promise((r) => setTimeout(r, 400));
    const down = await timed(source.getSaga(SAGA));
    expect(down.error?.message).toMatch(/ECONNREFUSED/);
    expect(down.ms).toBeLessThan(1_000);

    redis = await startRedis({ port });
    await expect.poll(() => source.getSaga(SAGA).then((r) => r.found, () => "error"), { timeout: 5_000, interval: 200 }).toBe(false);
  });
});
