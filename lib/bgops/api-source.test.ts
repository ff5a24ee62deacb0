import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSim } from "@/sim/server";
import { createApiSource } from "@/lib/bgops/api-source";
import { clientFor } from "@/lib/bgops/testing/platform";
import { BgopsSourceError, type BgopsSource } from "@/lib/bgops/types";

let sim: RunningSim;
let source: BgopsSource;
beforeAll(async () => {
  sim = await startSimulator({ portBase: 0, static: true });
  source = createApiSource(clientFor(sim.urls));
});
afterAll(async () => {
  await sim?.close();
});
afterEach(() => sim.setScenario("healthy"));

const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as BgopsSourceError);

describe("createApiSource against the simulator", () => {
  it("reads the list, a key, a saga and its history", async () => {
    const c = sim.catalog();
    const list = await source.listIdempotency(20);
    expect(list).toMatchObject({ upstreamSource: "redis", error: null });
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.reportedCount).toBe(list.items.length);
    const key = await source.getIdempotency(c.keys.completed);
    expect(key).toMatchObject({ found: true, upstreamSource: "redis", value: { status: { value: "completed" } } });
    const saga = await source.getSaga(c.sagas.compensated);
    expect(saga).toMatchObject({ found: true, value: { saga_id: c.sagas.compensated, status: { value: "compensated" } } });
    if (saga.found) expect(saga.raw).toMatchObject({ source: "redis", saga: { saga_id: c.sagas.compensated } });
    expect((await source.getSagaHistory(c.sagas.compensated)).items.length).toBeGreaterThan(2);
  });

  it("a slow platform: an unknown saga costs one answer's time, the history probe runs beside the look-up", async () => {
    const c = sim.catalog();
    sim.setScenario("slow", "mgmt", { latencyMs: 800 });
    const t0 = performance.now();
    expect(await source.getSaga(c.sagas.unknown)).toEqual({ found: false, reason: "Saga not found" });
    const ms = performance.now() - t0;
    // Sequential (look-up, then the probe) took two latencies; beside it, one plus the 250 ms hedge at most.
    expect(ms).toBeGreaterThanOrEqual(800);
    expect(ms).toBeLessThan(1_500);
  });

  // The saga page's load (lib/server/bgops.ts loadSagaDetail): the saga and its history side by side.
  const sagaPageLoad = (id: string) => Promise.allSettled([source.getSaga(id), source.getSagaHistory(id)]);

  it.each([
    ["healthy", 0],
    ["slow", 400],
  ])("an unknown saga costs the platform 2 requests (%s): the saga GET and one history GET shared with the 404's probe", async (scenario, latencyMs) => {
    if (latencyMs) sim.setScenario(scenario, "mgmt", { latencyMs });
    const id = crypto.randomUUID();
    sim.resetRequestCount();
    const [saga, history] = await sagaPageLoad(id);
    expect(saga).toEqual({ status: "fulfilled", value: { found: false, reason: "Saga not found" } });
    expect(history.status).toBe("fulfilled");
    expect(sim.requestCount({ surface: "mgmt", pathPrefix: "/api/v1/bgops/sagas/" })).toBe(2);
    expect(sim.requestCount({ surface: "mgmt", pathPrefix: `/api/v1/bgops/sagas/${id}/history` })).toBe(1);
  });

  it("still says 'no Redis client' for an unknown saga's 404, with the same 2 requests", async () => {
    sim.setScenario("bgops-no-redis");
    const id = crypto.randomUUID();
    sim.resetRequestCount();
    const [saga, history] = await sagaPageLoad(id);
    for (const r of [saga, history]) {
      expect(r.status).toBe("rejected");
      if (r.status === "rejected") expect((r.reason as BgopsSourceError).signature?.code).toBe("no_redis_client");
    }
    expect(sim.requestCount({ surface: "mgmt" })).toBe(2);
  });

  it("turns 'Saga not found' and 'Idempotency key not found' into not-found answers", async () => {
    const c = sim.catalog();
    expect(await source.getSaga(c.sagas.unknown)).toEqual({ found: false, reason: "Saga not found" });
    expect(await source.getIdempotency(c.keys.unknown)).toEqual({ found: false, reason: "Idempotency key not found" });
  });

  it("says bgops has no Redis client instead of 'not found' when history comes from memory", async () => {
    sim.setScenario("bgops-no-redis");
    const c = sim.catalog();
    const calls = [() => source.getSaga(c.sagas.completed), () => source.getIdempotency(c.keys.completed), () => source.getSagaHistory(c.sagas.completed)];
    for (const call of calls) {
      const e = await failure(call());
      expect(e).toBeInstanceOf(BgopsSourceError);
      expect(e?.signature).toMatchObject({ code: "no_redis_client", runbookSection: "§5", fallbackWorthy: true });
    }
    expect((await failure(source.listIdempotency(5)))?.signature?.code).toBe("redis_unavailable");
  });

  it.each([
    ["redis-down", "redis_unavailable", /^500 text\/plain from bgops: Internal Server Error/],
    ["bgops-not-mounted", "router_not_mounted", /^404 application\/json/],
    ["https-required", "https_required", /^401/],
    ["tenant-mismatch", "tenant_mismatch", /^403/],
    ["bad-api-version", "bad_api_version", /^400/],
  ])("reports the %s signature, not a not-found", async (scenario, code, seen) => {
    sim.setScenario(scenario);
    const e = await failure(source.getSaga(sim.catalog().sagas.completed));
    expect(e?.signature).toMatchObject({ code, seen: expect.stringMatching(seen) });
  });

  it("refuses hostile ids before anything is sent", async () => {
    sim.resetRequestCount();
    for (const id of ["..", "%2F", "%2e%2e", "a\\b", "a?b", "a#b", "a\u0000b", "x".repeat(10_000), "ünï"]) {
      await expect(source.getSaga(id)).rejects.toMatchObject({ kind: "invalid_input" });
      await expect(source.getIdempotency(id)).rejects.toMatchObject({ kind: "invalid_input" });
    }
    await expect(source.listIdempotency(0)).rejects.toMatchObject({ kind: "invalid_input" });
    expect(sim.requestCount({ surface: "mgmt" })).toBe(0);
  });
});
