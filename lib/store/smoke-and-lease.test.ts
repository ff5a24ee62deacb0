import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import type { SmokeRunInput, Store } from "./index";
import { ENGINES, useEngine } from "./store-test-harness";

const run = (startedAt: string, summary: SmokeRunInput["summary"], note = ""): SmokeRunInput => ({
  startedAt, finishedAt: new Date(Date.parse(startedAt) + 1200).toISOString(), actor: "ana", platform: "demo",
  summary, results: [{ check: "bgops", verdict: summary.fail ? "fail" : "pass", note }],
});

describe.each(ENGINES)("smoke runs and leases on %s", (kind) => {
  const h = useEngine(kind);

  it("saves smoke runs and finds the last green one", async () => {
    const store = await h.store();
    expect(await store.smokeRuns.lastGreen()).toBeNull();
    const green = await store.smokeRuns.save(run("2025-05-01T10:00:00Z", { ok: 9, warn: 0, fail: 0, error: 0 }, "first"));
    const warned = await store.smokeRuns.save(run("2025-05-01T11:00:00Z", { ok: 8, warn: 1, fail: 0, error: 0 }, "warn"));
    const red = await store.smokeRuns.save(run("2025-05-01T12:00:00Z", { ok: 7, warn: 1, fail: 1, error: 0 }, "bgops 500"));
    const errored = await store.smokeRuns.save(run("2025-05-01T13:00:00Z", { ok: 7, warn: 1, fail: 0, error: 1 }));
    expect(green.green && warned.green).toBe(true);
    expect(red.green || errored.green).toBe(false);

    const listed = await store.smokeRuns.list({ limit: 3 });
    expect(listed.map((r) => r.id)).toEqual([errored.id, red.id, warned.id]);
    expect(listed[0]).not.toHaveProperty("results");

    const full = await store.smokeRuns.get(red.id);
    expect(full).toMatchObject({ actor: "ana", platform: "demo", summary: { fail: 1 }, results: [{ check: "bgops", note: "bgops 500" }] });
    expect(full?.finishedAt).toBe("2025-05-01T12:00:01.200Z");
    expect(await store.smokeRuns.get("00000000-0000-4000-8000-000000000000")).toBeNull();

    expect((await store.smokeRuns.lastGreen())?.id).toBe(warned.id);
    expect((await store.smokeRuns.lastGreen({ before: "2025-05-01T11:00:00Z" }))?.results).toEqual([
      { check: "bgops", verdict: "pass", note: "first" },
    ]);
    // The newest run whatever its verdict: the baseline while no run was ever green.
    expect((await store.smokeRuns.latest())?.id).toBe(errored.id);
    expect((await store.smokeRuns.latest({ before: "2025-05-01T13:00:00Z" }))?.id).toBe(red.id);
    expect(await store.smokeRuns.latest({ before: "2025-05-01T10:00:00Z" })).toBeNull();
  });

  async function replicas(): Promise<[Store, Store]> {
    const loc = await h.location();
    const a = await loc.open();
    // Two replicas on PostgreSQL; SQLite is single-process, so both holders share one store.
    return [a, kind === "postgres" ? await loc.open() : a];
  }

  it("grants a lease to one holder at a time and renews it for that holder", async () => {
    const [a, b] = await replicas();
    expect(await a.leases.get("scrape")).toBeNull();
    expect(await a.leases.tryAcquire("scrape", "replica-a", 60_000)).toBe(true);
    expect(await b.leases.tryAcquire("scrape", "replica-b", 60_000)).toBe(false);
    expect(await a.leases.tryAcquire("scrape", "replica-a", 60_000)).toBe(true);
    expect((await b.leases.get("scrape"))?.holder).toBe("replica-a");
    expect(await b.leases.tryAcquire("other-job", "replica-b", 60_000)).toBe(true);

    expect(await b.leases.release("scrape", "replica-b")).toBe(false);
    expect(await b.leases.tryAcquire("scrape", "replica-b", 60_000)).toBe(false);
    expect(await a.leases.release("scrape", "replica-a")).toBe(true);
    expect(await b.leases.tryAcquire("scrape", "replica-b", 60_000)).toBe(true);
  });

  it("lets another holder take over after the lease expires", async () => {
    const [a, b] = await replicas();
    expect(await a.leases.tryAcquire("scrape", "replica-a", 150)).toBe(true);
    expect(await b.leases.tryAcquire("scrape", "replica-b", 150)).toBe(false);
    await sleep(250);
    expect(await b.leases.tryAcquire("scrape", "replica-b", 60_000)).toBe(true);
    expect(await a.leases.tryAcquire("scrape", "replica-a", 60_000)).toBe(false);
    expect((await a.leases.get("scrape"))?.holder).toBe("replica-b");
  });

  it("gives a contended lease to exactly one of many simultaneous claimants", async () => {
    const [a, b] = await replicas();
    for (let round = 0; round < 5; round++) {
      const name = `race-${round}`;
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).leases.tryAcquire(name, `holder-${i}`, 60_000)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      const winner = `holder-${claims.indexOf(true)}`;
      expect((await a.leases.get(name))?.holder).toBe(winner);
    }
  });
});
