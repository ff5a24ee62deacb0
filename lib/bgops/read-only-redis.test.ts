import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { startRedis, type ThrowawayRedis } from "@/lib/testing/redis";
import { createRedisSource } from "@/lib/bgops/redis-source";
import { READ_COMMANDS, readOnlyRedis, RedisWriteRefused } from "@/lib/bgops/read-only-redis";
import { seedFixturesIntoRedis, type SeededIds } from "@/lib/bgops/testing/seed-redis";

let server: ThrowawayRedis;
let ids: SeededIds;
beforeAll(async () => {
  server = await startRedis();
  ids = await seedFixturesIntoRedis(server.url);
});
afterAll(async () => {
  await server?.stop();
});

async function readyClient(url: string): Promise<Redis> {
  const c = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await c.connect();
  return c;
}

describe("the Redis source never sends a write", () => {
  it("sends only read commands for every operation, as MONITOR on a second connection sees", async () => {
    const reader = await readyClient(server.url);
    const monitor = await (await readyClient(server.url)).monitor();
    const seen: string[] = [];
    monitor.on("monitor", (_time: string, args: string[]) => seen.push(args.join(" ")));
    try {
      const source = createRedisSource(reader);
      await source.listIdempotency(500);
      await source.getIdempotency(ids.keys.failed!);
      await source.getIdempotency("no-such-key");
      for (const id of [...Object.values(ids.sagas), "corrupt-saga", "no-such-saga"]) {
        await source.getSaga(id);
        await source.getSagaHistory(id);
      }
      await source.getSagaHistory("corrupt-history");
      await source.listSagas!({ limit: 50, status: "pending" });

      const ro = readOnlyRedis(reader);
      for (const cmd of ["SET", "set", "DEL", "HSET", "RPUSH", "ZADD", "EXPIRE", "FLUSHALL", "FLUSHDB", "EVAL", "CONFIG", "UNLINK", "MULTI"]) {
        await expect(ro.call(cmd, "bgops:saga:x", "1")).rejects.toBeInstanceOf(RedisWriteRefused);
      }
      await ro.call("EXISTS", "monitor-end-marker");
      const deadline = Date.now() + 5000;
      while (!seen.some((s) => s.includes("monitor-end-marker")) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));

      const commands = seen.map((s) => s.split(" ")[0]!.toUpperCase());
      expect(new Set(commands)).toEqual(new Set(["ZREVRANGE", "HGETALL", "ZSCORE", "GET", "LRANGE", "SCAN", "EXISTS"]));
      const allowed = new Set<string>(READ_COMMANDS);
      expect(commands.filter((c) => !allowed.has(c))).toEqual([]);
      expect(seen.some((s) => /bgops:saga:x/.test(s))).toBe(false);
    } finally {
      monitor.disconnect();
      reader.disconnect();
    }
  });

  it("leaves the data exactly as it was", async () => {
    const c = await readyClient(server.url);
    try {
      const before = await c.dbsize();
      await createRedisSource(c).listSagas!({ limit: 500 });
      expect(await c.dbsize()).toBe(before);
      expect(await c.get("bgops:saga:corrupt-saga")).toBe("{not json");
    } finally {
      c.disconnect();
    }
  });
});
