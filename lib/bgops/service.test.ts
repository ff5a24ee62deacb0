import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { startRedis, type ThrowawayRedis } from "@/lib/testing/redis";
import { startSimulator, type RunningSim } from "@/sim/server";
import { createApiSource } from "@/lib/bgops/api-source";
import { createRedisSource } from "@/lib/bgops/redis-source";
import { createBgopsService, type BgopsService } from "@/lib/bgops/service";
import { clientFor } from "@/lib/bgops/testing/platform";
import { BgopsSourceError } from "@/lib/bgops/types";

let redisServer: ThrowawayRedis;
let sim: RunningSim;
let redis: Redis;
let withRedis: BgopsService;
let apiOnly: BgopsService;

beforeAll(async () => {
  redisServer = await startRedis();
  sim = await startSimulator({ portBase: 0, static: true, redisUrl: redisServer.url });
  redis = new Redis(redisServer.url, { maxRetriesPerRequest: 1 });
  const api = createApiSource(clientFor(sim.urls));
  withRedis = createBgopsService({ api, redis: createRedisSource(redis) });
  apiOnly = createBgopsService({ api });
}, 60_000);
afterAll(async () => {
  redis?.disconnect();
  await sim?.close();
  await redisServer?.stop();
});
afterEach(() => sim.setScenario("healthy"));

const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as BgopsSourceError);

describe("createBgopsService", () => {
  it("uses the API when it answers", async () => {
    const r = await withRedis.getSaga(sim.catalog().sagas.completed);
    expect(r).toMatchObject({ via: "api", result: { found: true } });
    expect(r.fallbackReason).toBeUndefined();
  });

  it("falls back to Redis on bgops 500 text/plain and says why", async () => {
    sim.setScenario("redis-down");
    const r = await withRedis.getSaga(sim.catalog().sagas.compensated);
    expect(r).toMatchObject({
      via: "redis",
      fallbackReason: "bgops API answered 500 text/plain",
      signature: { code: "redis_unavailable", runbookSection: "§5, §2" },
      result: { found: true, upstreamSource: "redis" },
    });
    expect((await withRedis.listIdempotency(10)).via).toBe("redis");
  });

  it.each([
    ["bgops-not-mounted", "router_not_mounted"],
    ["bgops-no-redis", "no_redis_client"],
  ])("falls back on %s", async (scenario, code) => {
    sim.setScenario(scenario);
    const r = await withRedis.getSagaHistory(sim.catalog().sagas.compensated);
    expect(r).toMatchObject({ via: "redis", signature: { code } });
    expect(r.result.items.length).toBeGreaterThan(0);
  });

  it("without Redis, throws the signature with what it means and the runbook section", async () => {
    sim.setScenario("redis-down");
    const e = await failure(apiOnly.getSaga(sim.catalog().sagas.completed));
    expect(e).toBeInstanceOf(BgopsSourceError);
    expect(e?.signature).toMatchObject({
      code: "redis_unavailable",
      seen: "500 text/plain from bgops: Internal Server Error",
      meaning: expect.stringContaining("Redis"),
      runbookSection: "§5, §2",
    });
  });

  it("does not fall back on an answer it does not recognise", async () => {
    sim.setScenario("malformed-json");
    const e = await failure(withRedis.getSaga(sim.catalog().sagas.completed));
    expect(e?.signature).toMatchObject({ code: "other", fallbackWorthy: false });
  });

  it("reports both failures when the Redis fallback fails too", async () => {
    sim.setScenario("redis-down");
    const dead = new Redis("redis://127.0.0.1:1/0", { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    dead.on("error", () => undefined);
    const svc = createBgopsService({ api: createApiSource(clientFor(sim.urls)), redis: createRedisSource(dead, { timeoutMs: 500 }) });
    const e = await failure(svc.getSaga(sim.catalog().sagas.completed));
    expect(e?.signature?.code).toBe("redis_unavailable");
    expect(e?.fallbackError).toMatch(/Redis read failed/);
    dead.disconnect();
  });

  it("reads one source on request: 'not found in the API' can offer Redis", async () => {
    const c = sim.catalog();
    expect(await withRedis.getSaga(c.sagas.unknown)).toMatchObject({ via: "api", result: { found: false, reason: "Saga not found" } });
    expect(await withRedis.getSaga(c.sagas.running, { via: "redis" })).toMatchObject({ via: "redis", result: { found: true } });
    await expect(apiOnly.getSaga(c.sagas.running, { via: "redis" })).rejects.toThrow(/REDIS_URL/);
  });

  it("refuses hostile ids without falling back", async () => {
    sim.resetRequestCount();
    await expect(withRedis.getSaga("..%2F")).rejects.toMatchObject({ kind: "invalid_input" });
    expect(sim.requestCount()).toBe(0);
  });

  it("lists sagas only with Redis, and says so without it", async () => {
    const r = await withRedis.listSagas({ limit: 20, tenant: "acme" });
    expect(r.via).toBe("redis");
    expect(r.result.items.length).toBeGreaterThan(0);
    expect(r.result.items.every((s) => s.tenant_id === "acme")).toBe(true);
    await expect(apiOnly.listSagas({ limit: 20 })).rejects.toThrow(/listing needs REDIS_URL/);
  });
});
