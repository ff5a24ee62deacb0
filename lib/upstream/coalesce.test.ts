import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createPlatformClient } from "@/lib/upstream/client";
import { createCoalescer } from "@/lib/upstream/coalesce";
import { startTestServer, type TestServer } from "@/lib/upstream/test-http-server";

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function clock(start = 1_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("createCoalescer", () => {
  it("runs one load for 100 concurrent identical calls", async () => {
    const c = createCoalescer({ freshnessMs: 2_000 });
    let loads = 0;
    const gate = deferred<string>();
    const calls = Array.from({ length: 100 }, () => c.get("saga s1", () => (loads++, gate.promise)));
    gate.resolve("answer");
    const results = await Promise.all(calls);
    expect(loads).toBe(1);
    expect(results.every((r) => r.value === "answer")).toBe(true);
    expect(results.filter((r) => !r.coalesced)).toHaveLength(1);
    expect(c.stats()).toMatchObject({ misses: 1, joins: 99, hits: 0 });
  });

  it("reuses an answer within the freshness window and loads again after it", async () => {
    const t = clock();
    const c = createCoalescer({ freshnessMs: 2_000, now: t.now });
    let loads = 0;
    const load = async () => ++loads;
    expect((await c.get("k", load)).result).toBe("miss");
    t.advance(1_500);
    expect(await c.get("k", load)).toEqual({ value: 1, coalesced: true, ageMs: 1_500, result: "hit" });
    t.advance(500);
    expect(await c.get("k", load)).toEqual({ value: 2, coalesced: false, ageMs: 0, result: "miss" });
  });

  it("keeps different keys apart", async () => {
    const c = createCoalescer({ freshnessMs: 2_000 });
    const [a, b] = await Promise.all([c.get("a", async () => "A"), c.get("b", async () => "B")]);
    expect([a.value, b.value]).toEqual(["A", "B"]);
    expect(c.stats().misses).toBe(2);
  });

  it("shares a failure with callers already waiting, but does not cache it", async () => {
    const c = createCoalescer({ freshnessMs: 60_000 });
    const gate = deferred<string>();
    let loads = 0;
    const first = c.get("k", () => (loads++, gate.promise));
    const second = c.get("k", () => (loads++, gate.promise));
    gate.reject(new Error("platform down"));
    await expect(first).rejects.toThrow("platform down");
    await expect(second).rejects.toThrow("platform down");
    expect((await c.get("k", async () => (loads++, "back"))).value).toBe("back");
    expect(loads).toBe(2);
  });

  it("turns a load that throws synchronously into a rejection", async () => {
    const c = createCoalescer({ freshnessMs: 1_000 });
    await expect(c.get("k", () => { throw new Error("sync"); })).rejects.toThrow("sync");
    expect((await c.get("k", async () => 1)).result).toBe("miss");
  });

  it("with freshness 0 shares only while in flight", async () => {
    const c = createCoalescer({ freshnessMs: 0 });
    let loads = 0;
    await c.get("k", async () => ++loads);
    await c.get("k", async () => ++loads);
    expect(loads).toBe(2);
  });

  it("stays bounded, forgetting the least recently used key first", async () => {
    const c = createCoalescer({ freshnessMs: 60_000, maxEntries: 3 });
    for (const k of ["a", "b", "c"]) await c.get(k, async () => k);
    await c.get("a", async () => "a2");
    await c.get("d", async () => "d");
    expect(c.stats().size).toBe(3);
    expect((await c.get("a", async () => "a3")).result).toBe("hit");
    expect((await c.get("b", async () => "b2")).result).toBe("miss");
  });

  it("drops answers past their freshness, so distinct ids polled once do not pile up to the size bound", async () => {
    const t = clock();
    const c = createCoalescer({ freshnessMs: 2_000, maxEntries: 2_000, now: t.now });
    for (let i = 0; i < 500; i++) {
      await c.get(`saga ${i}`, async () => ({ id: i, body: "x".repeat(1_000) }));
      t.advance(50);
    }
    // 2 s of 50 ms steps: only the answers of the last window (plus at most one sweep interval) are kept.
    expect(c.stats().size).toBeLessThanOrEqual(80);
    t.advance(10_000);
    await c.get("one more", async () => 1);
    expect(c.stats().size).toBe(1);
  });

  it("clear() forgets everything", async () => {
    const c = createCoalescer({ freshnessMs: 60_000 });
    await c.get("k", async () => 1);
    c.clear();
    expect((await c.get("k", async () => 2)).value).toBe(2);
  });
});

describe("coalescing in front of the platform client", () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it("100 concurrent identical requests cost the platform one request", async () => {
    server = await startTestServer((_q, res) => {
      setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end('{"source":"redis","items":[]}'), 50);
    });
    const u = server.url;
    const client = createPlatformClient({
      baseUrls: { mgmt: u, admin: u, reseller: u, tenant: u },
      tenantSlug: "acme",
      apiVersion: "v1",
      timeoutMs: 5_000,
      healthTimeoutMs: 3_000,
      maxBodyBytes: 65_536,
      fetch: globalThis.fetch,
    });
    const c = createCoalescer({ freshnessMs: 2_000 });
    const path = "/api/v1/bgops/sagas/s1/history";
    const schema = z.object({ source: z.string(), items: z.array(z.unknown()) });
    const results = await Promise.all(Array.from({ length: 100 }, () => c.get(`mgmt ${path}`, () => client.getJson("mgmt", path, schema))));
    expect(results.every((r) => r.value.data.source === "redis")).toBe(true);
    expect(server.seen).toHaveLength(1);
  });
});
