import { describe, expect, it } from "vitest";
import { StoreInvalidInputError } from "./index";
import { ENGINES, useEngine } from "./store-test-harness";

const T0 = 1_800_000_000_000;
const HOUR = 3_600_000;
const sid = (n: number) => `session-id-${String(n).padStart(8, "0")}`;
const session = (n: number, userId: string, createdAt = T0) => ({
  id: sid(n), userId, userName: userId, role: "responder", createdAt, expiresAt: createdAt + 12 * HOUR,
  address: "192.0.2.7", userAgent: "Mozilla/5.0 test",
});

describe.each(ENGINES)("session records on %s", (kind) => {
  const h = useEngine(kind);

  it("keeps a session until it is ended, and an ended record stays ended", async () => {
    const store = await h.store();
    const created = await store.sessions.create(session(1, "demo:admin"));
    expect(created).toMatchObject({ id: sid(1), userId: "demo:admin", endedAt: null, address: "192.0.2.7", userAgent: "Mozilla/5.0 test" });
    expect(created.lastSeenAt).toBe(created.createdAt);
    await store.sessions.touch(sid(1), T0 + 60_000);
    expect((await store.sessions.get(sid(1)))?.lastSeenAt).toBe(new Date(T0 + 60_000).toISOString());

    expect(await store.sessions.end(sid(1), "demo:admin", T0 + 120_000)).toBe(true);
    expect(await store.sessions.end(sid(1), "demo:admin", T0 + 130_000)).toBe(false);
    const ended = await store.sessions.get(sid(1));
    expect(ended).toMatchObject({ endedAt: new Date(T0 + 120_000).toISOString(), endedBy: "demo:admin" });
    // Activity after the end does not touch it, and nothing re-opens it.
    await store.sessions.touch(sid(1), T0 + 200_000);
    expect((await store.sessions.get(sid(1)))?.lastSeenAt).toBe(new Date(T0 + 60_000).toISOString());
    expect(await store.sessions.get("no-such-session-id-0000")).toBeNull();
    expect(await store.sessions.get("../../etc")).toBeNull();
  });

  it("ends every session of one user, created in the same millisecond or not, and no one else's", async () => {
    const store = await h.store();
    await store.sessions.create(session(1, "alice"));
    await store.sessions.create(session(2, "alice"));
    await store.sessions.create(session(3, "bob"));
    expect(await store.sessions.endAllForUser("alice", "alice", T0)).toBe(2);
    // A sign-in in the very same millisecond as "sign out everywhere" is a new record, and it counts.
    await store.sessions.create(session(4, "alice", T0));
    const active = await store.sessions.listActive({ userId: "alice", now: T0 + 1, limit: 10 });
    expect(active.map((s) => s.id)).toEqual([sid(4)]);
    expect((await store.sessions.listActive({ now: T0 + 1, limit: 10 })).map((s) => s.id).sort()).toEqual([sid(3), sid(4)]);
  });

  it("lists only unexpired sessions and prunes old records", async () => {
    const store = await h.store();
    await store.sessions.create(session(1, "carol", T0));
    await store.sessions.create(session(2, "carol", T0 + 13 * HOUR));
    expect((await store.sessions.listActive({ userId: "carol", now: T0 + 13 * HOUR, limit: 10 })).map((s) => s.id)).toEqual([sid(2)]);
    expect(await store.sessions.prune(T0 + 13 * HOUR)).toBe(1);
    expect(await store.sessions.get(sid(1))).toBeNull();
    expect(await store.sessions.get(sid(2))).not.toBeNull();
  });

  it("a second replica sees an end made on the first at once", async () => {
    const loc = await h.location();
    const [a, b] = [await loc.open(), await loc.open()];
    await a.sessions.create(session(1, "dave"));
    expect((await b.sessions.get(sid(1)))?.endedAt).toBeNull();
    await a.sessions.endAllForUser("dave", "dave");
    expect((await b.sessions.get(sid(1)))?.endedAt).not.toBeNull();
  });

  it("refuses bad input before any SQL", async () => {
    const store = await h.store();
    await expect(store.sessions.create({ ...session(1, ""), userId: "" })).rejects.toBeInstanceOf(StoreInvalidInputError);
    await expect(store.sessions.create({ ...session(1, "x"), id: "short" })).rejects.toBeInstanceOf(StoreInvalidInputError);
    await expect(store.sessions.endAllForUser("", "x")).rejects.toBeInstanceOf(StoreInvalidInputError);
  });
});
