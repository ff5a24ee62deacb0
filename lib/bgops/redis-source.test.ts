import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { startRedis, type ThrowawayRedis } from "@/lib/testing/redis";
import { createRedisSource } from "@/lib/bgops/redis-source";
import { BgopsSourceError, type BgopsSource } from "@/lib/bgops/types";
import { seedFixturesIntoRedis, type SeededIds } from "@/lib/bgops/testing/seed-redis";
import { fixtureHistory, fixtureKey, fixtureSaga, loadFixture } from "@/lib/upstream/schemas/fixtures/load";
import { UpstreamError } from "@/lib/upstream/errors";

let server: ThrowawayRedis;
let client: Redis;
let ids: SeededIds;
let source: BgopsSource;
beforeAll(async () => {
  server = await startRedis();
  ids = await seedFixturesIntoRedis(server.url);
  await seedFixturesIntoRedis(server.url, "other-prefix");
  client = new Redis(server.url, { maxRetriesPerRequest: 1 });
  source = createRedisSource(client);
});
afterAll(async () => {
  client?.disconnect();
  await server?.stop();
});

describe("createRedisSource", () => {
  it("lists keys newest first from the index, skipping expired ones, each with its key", async () => {
    const list = await source.listIdempotency(50);
    expect(list.items.map((i) => i.key)).toEqual(["c0ffee0007", "c0ffee0006", "c0ffee0005", "c0ffee0003", "c0ffee0002", "c0ffee0001", "9f2c1e0a7b"]);
    expect(list).toMatchObject({ reportedCount: 7, error: null, upstreamSource: "redis" });
    expect((await source.listIdempotency(2)).items).toHaveLength(1); // the top 2 include the expired member
  });

  it("reads a key into the same record the API gives", async () => {
    const r = await source.getIdempotency(ids.keys.redis!);
    expect(r).toMatchObject({ found: true, upstreamSource: "redis" });
    if (r.found) expect(r.value).toEqual(fixtureKey("redis"));
  });

  it("answers not found as a value, and refuses 'index' and hostile keys before Redis sees them", async () => {
    expect(await source.getIdempotency("nope")).toEqual({ found: false, reason: "Idempotency key not found" });
    // In the index, HASH gone: expired, with the index's score as its creation time.
    const gone = await source.getIdempotency("gone-expired-key");
    expect(gone).toMatchObject({ found: false, reason: "Idempotency key expired", expired: { evidence: "redis-index" } });
    if (!gone.found) expect(Date.parse(gone.expired?.createdAt ?? "")).toBeGreaterThan(0);
    await expect(source.getIdempotency("index")).rejects.toBeInstanceOf(UpstreamError);
    await expect(source.getSaga("../x")).rejects.toMatchObject({ kind: "invalid_input" });
    await expect(source.listIdempotency(501)).rejects.toMatchObject({ kind: "invalid_input" });
  });

  it("reads sagas and history in every state as the fixtures describe them", async () => {
    for (const [state, id] of Object.entries(ids.sagas)) {
      const s = await source.getSaga(id);
      expect(s.found && s.value).toEqual(fixtureSaga(state));
      expect((await source.getSagaHistory(id)).items).toEqual(fixtureHistory(state));
    }
  });

  it("treats a saga blob that is not JSON as not found and mirrors the router's history error", async () => {
    expect(await source.getSaga("corrupt-saga")).toEqual({ found: false, reason: "Saga not found" });
    const h = await source.getSagaHistory("corrupt-history");
    expect(h.items).toEqual([]);
    expect(h.error).toMatch(/JSON/);
    expect(await source.getSagaHistory("never-existed")).toMatchObject({ items: [], error: null });
  });

  it("lists sagas by a bounded SCAN, skipping history lists and non-sagas, with filters", async () => {
    const all = await source.listSagas!({ limit: 100 });
    expect(all.items).toHaveLength(7);
    expect(all).toMatchObject({ complete: true, unreadable: 2 }); // corrupt-saga and weird-list
    expect(all.items[0]?.saga_id).toBe(ids.sagas.running);
    const pending = await source.listSagas!({ limit: 100, status: "pending" });
    expect(pending.items.map((s) => s.saga_id).sort()).toEqual([ids.sagas.running, ids.sagas.stuck].sort());
    expect((await source.listSagas!({ limit: 100, tenant: "globex" })).items).toEqual([]);
    expect((await source.listSagas!({ limit: 2 })).items).toHaveLength(2);
  });

  it("stops the SCAN at maxScanKeys and says the list is incomplete", async () => {
    // More saga keys than one SCAN page (COUNT 500) holds, under a prefix of their own.
    const total = 2_000;
    const completed = (loadFixture("saga.completed") as { saga: Record<string, unknown> }).saga;
    const pipeline = client.pipeline();
    for (let i = 0; i < total; i++) {
      const id = `bulk-${String(i).padStart(4, "0")}`;
      pipeline.set(`bulk:saga:${id}`, JSON.stringify({ ...completed, saga_id: id }));
    }
    await pipeline.exec();
    const bulk = createRedisSource(client, { prefix: "bulk" });

    const unbounded = await bulk.listSagas!({ limit: 10 });
    expect(unbounded).toMatchObject({ complete: true, scannedKeys: total, unreadable: 0 });

    const bounded = await bulk.listSagas!({ limit: 10, maxScanKeys: 1 });
    expect(bounded.complete).toBe(false);
    expect(bounded.scannedKeys).toBeGreaterThan(0);
    expect(bounded.scannedKeys).toBeLessThan(total);
    expect(bounded.items).toHaveLength(10);
  });

  it("honours a configured prefix", async () => {
    const other = createRedisSource(client, { prefix: "other-prefix" });
    expect((await other.getSaga(ids.sagas.completed!)).found).toBe(true);
    expect((await createRedisSource(client, { prefix: "nothing-here" }).getSaga(ids.sagas.completed!)).found).toBe(false);
  });

  it("reports a Redis that is down as a Redis failure, within its timeout", async () => {
    const dead = new Redis("redis://127.0.0.1:1/0", { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: true, retryStrategy: () => null });
    dead.on("error", () => undefined);
    const started = Date.now();
    const err = await createRedisSource(dead, { timeoutMs: 500 }).getSaga("abc").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BgopsSourceError);
    expect((err as BgopsSourceError).via).toBe("redis");
    expect(Date.now() - started).toBeLessThan(2000);
    dead.disconnect();
  });
});
