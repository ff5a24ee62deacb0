import { describe, expect, it } from "vitest";
import type { ThrottleFailure } from "./index";
import { ENGINES, useEngine } from "./store-test-harness";

const T0 = 1_800_000_000_000;
const MIN = 60_000;
const failure = (key: string, now: number, over: Partial<ThrottleFailure> = {}): ThrottleFailure => ({
  key, kind: "pair", username: "alice", address: "192.0.2.7", now, windowMs: 15 * MIN, maxFailures: 5, lockMs: 15 * MIN, audited: true, ...over,
});

describe.each(ENGINES)("sign-in throttle counters on %s", (kind) => {
  const h = useEngine(kind);

  it("counts failures in a window, locks at the limit, and starts a fresh window after it", async () => {
    const store = await h.store();
    for (let i = 1; i <= 4; i++) expect((await store.signInThrottle.fail(failure("k", T0 + i))).failures).toBe(i);
    expect((await store.signInThrottle.read(["k"]))[0]?.lockedUntil).toBe(0);
    const locked = await store.signInThrottle.fail(failure("k", T0 + 5));
    expect(locked).toMatchObject({ failures: 5, lockedUntil: T0 + 5 + 15 * MIN, windowStart: T0 + 1 });
    const later = await store.signInThrottle.fail(failure("k", T0 + 16 * MIN));
    expect(later).toMatchObject({ failures: 1, windowStart: T0 + 16 * MIN, lockedUntil: T0 + 5 + 15 * MIN });
    await store.signInThrottle.clear("k");
    expect(await store.signInThrottle.read(["k"])).toEqual([]);
  });

  it("two replicas counting at once lose no failure", async () => {
    const loc = await h.location();
    const [a, b] = [await loc.open(), await loc.open()];
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).signInThrottle.fail(failure("shared", T0 + i, { maxFailures: 100 }))));
    expect((await a.signInThrottle.read(["shared"]))[0]?.failures).toBe(20);
  });

  it("hands each attempt to the audit trail once: the first at once, the rest summarised a minute later", async () => {
    const loc = await h.location();
    const [a, b] = [await loc.open(), await loc.open()];
    await a.signInThrottle.fail(failure("quiet", T0, { audited: false }));
    expect(await a.signInThrottle.claimAudit("quiet", T0, MIN)).toBeNull();
    await a.signInThrottle.fail(failure("p", T0));
    expect(await a.signInThrottle.claimAudit("p", T0, MIN)).toMatchObject({ failed: 1, refused: 0, username: "alice", kind: "pair" });
    for (let i = 1; i <= 30; i++) {
      await (i % 2 ? a : b).signInThrottle.fail(failure("p", T0 + i * 1000));
      expect(await (i % 2 ? b : a).signInThrottle.claimAudit("p", T0 + i * 1000, MIN)).toBeNull();
    }
    await a.signInThrottle.refuse("p");
    await a.signInThrottle.refuse("p");
    const [sa, sb] = await Promise.all([a.signInThrottle.sweep(T0 + MIN, MIN), b.signInThrottle.sweep(T0 + MIN, MIN)]);
    const claims = [...sa.claims, ...sb.claims];
    expect(claims).toEqual([expect.objectContaining({ key: "p", failed: 30, refused: 2, address: "192.0.2.7" })]);
    expect((await a.signInThrottle.sweep(T0 + 2 * MIN, MIN)).claims).toEqual([]);
  });

  it("keeps a lock whatever else floods in, and deletes only expired keys with nothing left to audit", async () => {
    const store = await h.store();
    for (let i = 0; i < 5; i++) await store.signInThrottle.fail(failure("victim", T0));
    for (let i = 0; i < 2_000; i++) await store.signInThrottle.fail(failure(`junk-${i}`, T0 + 1, { username: `junk-${i}` }));
    expect((await store.signInThrottle.read(["victim"]))[0]?.lockedUntil).toBe(T0 + 15 * MIN);
    expect(await store.signInThrottle.count()).toBe(2_001);
    // Expired but not yet audited: kept until the sweep has written its summary (the sweep claims first).
    const swept = await store.signInThrottle.sweep(T0 + 16 * MIN, MIN);
    expect(swept.claims).toHaveLength(2_001);
    expect(swept.deleted).toBe(2_001);
    expect(await store.signInThrottle.count()).toBe(0);
  });
});
