import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { startRedis, type ThrowawayRedis } from "@/lib/testing/redis";
import { startSimulator, type RunningSim } from "@/sim/server";
import { createApiSource } from "@/lib/bgops/api-source";
import { createRedisSource } from "@/lib/bgops/redis-source";
import { clientFor } from "@/lib/bgops/testing/platform";
import type { BgopsSource } from "@/lib/bgops/types";
import { toSagaView } from "@/lib/domain/saga-view";
import { toSagaSteps } from "@/lib/domain/saga-steps";
import { toSagaTimeline } from "@/lib/domain/saga-timeline";
import { sagaVerdict } from "@/lib/domain/saga-verdict";
import { toIdempotencyView } from "@/lib/domain/idempotency-view";

/**
 * CONTRACT rule 3: the simulator in Redis mode serves one data set through its bgops API and through
 * Redis; every saga state and key status must give the same view model through both sources.
 */
let redisServer: ThrowawayRedis;
let sim: RunningSim;
let redis: Redis;
let api: BgopsSource;
let direct: BgopsSource;
let now: number;
const OPTS = { stuckAfterMs: 15 * 60_000, tenantInUse: "acme" };

beforeAll(async () => {
  redisServer = await startRedis();
  sim = await startSimulator({ portBase: 0, static: true, redisUrl: redisServer.url });
  redis = new Redis(redisServer.url, { maxRetriesPerRequest: 1 });
  api = createApiSource(clientFor(sim.urls));
  direct = createRedisSource(redis);
  now = Date.now();
}, 60_000);
afterAll(async () => {
  redis?.disconnect();
  await sim?.close();
  await redisServer?.stop();
});

async function sagaModel(source: BgopsSource, id: string) {
  const [saga, history] = await Promise.all([source.getSaga(id), source.getSagaHistory(id)]);
  // The error text is the platform's (Python) or the console's (JS) JSON error: only its presence is compared.
  const historyPart = { count: history.items.length, hasError: history.error !== null, timeline: toSagaTimeline(saga.found ? saga.value : null, history.items, { now }) };
  if (!saga.found) return { notFound: saga.reason, ...historyPart };
  return {
    upstreamSource: saga.upstreamSource,
    view: toSagaView(saga.value, history.items, { now, ...OPTS }),
    steps: toSagaSteps(saga.value, history.items, { now }),
    verdict: sagaVerdict(saga.value, history.items, { now, ...OPTS }),
    ...historyPart,
  };
}

async function keyModel(source: BgopsSource, key: string) {
  const r = await source.getIdempotency(key);
  // Not found either way; only Redis can also tell that an expired key existed (its index keeps it).
  return r.found ? { upstreamSource: r.upstreamSource, view: toIdempotencyView(r.value, { now, ...OPTS }) } : { notFound: true };
}

describe("API and Redis give the same view models", () => {
  it("for every saga state of the seed", async () => {
    const entries = Object.entries(sim.catalog().sagas);
    expect(entries.length).toBeGreaterThanOrEqual(10);
    for (const [state, id] of entries) {
      const [viaApi, viaRedis] = [await sagaModel(api, id), await sagaModel(direct, id)];
      expect({ state, ...viaRedis }).toEqual({ state, ...viaApi });
    }
  });

  it("covers the states that matter with their real meaning", async () => {
    const c = sim.catalog().sagas;
    const m = async (id: string) => sagaModel(direct, id);
    expect(await m(c.compensationFailed)).toMatchObject({ view: { compensationFailed: true } });
    expect(await m(c.stuck)).toMatchObject({ view: { status: { label: expect.stringMatching(/^Possibly stuck since/) } } });
    expect(await m(c.timedOut)).toMatchObject({ view: { status: { label: "Timed out" } } });
    expect(await m(c.unknown)).toMatchObject({ notFound: "Saga not found", count: 0 });
    expect(await m(c.corruptJson)).toMatchObject({ notFound: "Saga not found" });
    expect(await m(c.corruptHistory)).toMatchObject({ hasError: true, count: 0 });
    expect((await m(c.historyOnly)).count).toBeGreaterThan(0);
    expect((await m(c.huge)).count).toBeGreaterThanOrEqual(10_000);
  });

  it("for every key status of the seed", async () => {
    for (const [status, key] of Object.entries(sim.catalog().keys)) {
      const [viaApi, viaRedis] = [await keyModel(api, key), await keyModel(direct, key)];
      expect({ status, ...viaRedis }).toEqual({ status, ...viaApi });
    }
    expect(await direct.getIdempotency(sim.catalog().keys.expired!)).toMatchObject({ found: false, expired: { evidence: "redis-index" } });
    expect(await api.getIdempotency(sim.catalog().keys.expired!)).toEqual({ found: false, reason: "Idempotency key not found" });
  });

  it("for the recent-keys list at several limits", async () => {
    for (const limit of [1, 50, 500]) {
      const [a, r] = await Promise.all([api.listIdempotency(limit), direct.listIdempotency(limit)]);
      expect(r.items.length).toBeGreaterThan(0);
      expect(r.items.map((i) => toIdempotencyView(i, { now, ...OPTS }))).toEqual(a.items.map((i) => toIdempotencyView(i, { now, ...OPTS })));
      expect(r.reportedCount).toBe(a.reportedCount);
    }
  });
});
