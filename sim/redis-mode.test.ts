import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type ThrowawayRedis } from "../lib/testing/redis";
import { startSimulator, type RunningSim } from "./server";

let redis: ThrowawayRedis;
let client: Redis;
let viaRedis: RunningSim;
let inMemory: RunningSim;
const NOW = Date.now();

beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.url);
  [viaRedis, inMemory] = await Promise.all([
    startSimulator({ portBase: 0, static: true, redisUrl: redis.url, seed: 11, now: () => NOW }),
    startSimulator({ portBase: 0, static: true, seed: 11, now: () => NOW }),
  ]);
}, 60_000);

afterAll(async () => {
  await viaRedis?.close();
  await inMemory?.close();
  await client?.quit();
  await redis?.stop();
});

const get = async (sim: RunningSim, path: string) => {
  const res = await fetch(`${sim.urls.mgmt}${path}`);
  const text = await res.text();
  // Field order may differ: Redis stores HASHes with long values unordered (hashtable encoding), as in production.
  return { status: res.status, body: res.headers.get("content-type") === "application/json" ? (JSON.parse(text) as unknown) : text };
};

describe("Redis mode writes the CONTRACT §2.4 schema", () => {
  it("stores idempotency records as HASHes with a TTL and an index ZSET with float scores", async () => {
    const key = viaRedis.catalog().keys.completed;
    expect(await client.type(`bgops:idempo:${key}`)).toBe("hash");
    const ttl = await client.ttl(`bgops:idempo:${key}`);
    expect(ttl).toBeGreaterThan(80_000);
    expect(ttl).toBeLessThanOrEqual(86_400);
    const hash = await client.hgetall(`bgops:idempo:${key}`);
    expect(hash).toMatchObject({ key, tenant_id: "acme", status: "completed" });
    expect(JSON.parse(hash.result ?? "")).toEqual({ tenant_id: "acme", container: "isp-acme-1" });
    expect(await client.type("bgops:idempo:index")).toBe("zset");
    const top = await client.zrevrange("bgops:idempo:index", 0, 4, "WITHSCORES");
    const scores = top.filter((_, i) => i % 2 === 1).map(Number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.some((s) => !Number.isInteger(s))).toBe(true);
    expect(await client.zscore("bgops:idempo:index", viaRedis.catalog().keys.expired)).not.toBeNull();
    expect(await client.exists(`bgops:idempo:${viaRedis.catalog().keys.expired}`)).toBe(0);
  });

  it("stores sagas as JSON STRINGs and history as chronological LISTs", async () => {
    const { sagas } = viaRedis.catalog();
    expect(await client.type(`bgops:saga:${sagas.compensated}`)).toBe("string");
    expect(await client.ttl(`bgops:saga:${sagas.compensated}`)).toBe(-1);
    expect(JSON.parse((await client.get(`bgops:saga:${sagas.compensated}`)) ?? "")).toMatchObject({ saga_id: sagas.compensated, status: "compensated" });
    expect(await client.type(`bgops:saga:history:${sagas.compensated}`)).toBe("list");
    expect(await client.llen(`bgops:saga:history:${sagas.huge}`)).toBeGreaterThanOrEqual(10_000);
    const entries = (await client.lrange(`bgops:saga:history:${sagas.compensated}`, 0, -1)).map((l) => JSON.parse(l) as { timestamp: string });
    expect(entries.map((e) => e.timestamp)).toEqual(entries.map((e) => e.timestamp).sort());
    expect(await client.exists(`bgops:saga:${sagas.historyOnly}`)).toBe(0);
    expect(await client.llen(`bgops:saga:history:${sagas.historyOnly}`)).toBeGreaterThan(0);
    expect(await client.type(`bgops:operation:${viaRedis.catalog().operations[0]}`)).toBe("hash");
    expect(await client.type(`bgops:lock:saga_execution_${sagas.running}`)).toBe("string");
  });
});

describe("Redis mode serves the same answers as memory mode", () => {
  const paths = (sim: RunningSim) => {
    const { sagas, keys } = sim.catalog();
    return [
      "/api/v1/bgops/idempotency?limit=500",
      "/api/v1/bgops/idempotency/index",
      ...Object.values(keys).map((k) => `/api/v1/bgops/idempotency/${k}`),
      ...Object.values(sagas).flatMap((id) => [`/api/v1/bgops/sagas/${id}`, `/api/v1/bgops/sagas/${id}/history`]),
    ];
  };

  it("gives identical status and body for every well-known record", async () => {
    for (const path of paths(viaRedis)) {
      const [a, b] = await Promise.all([get(viaRedis, path), get(inMemory, path)]);
      expect({ path, ...a }).toEqual({ path, ...b });
    }
  });

  it("reports the Redis store in its state", async () => {
    const state = (await (await fetch(`${viaRedis.urls.mgmt}/__sim/state`)).json()) as { store: string };
    expect(state.store).toBe("redis");
  });
});
