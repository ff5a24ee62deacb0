import { describe, expect, it } from "vitest";
import { StoreInvalidInputError } from "./index";
import { ENGINES, useEngine } from "./store-test-harness";

describe.each(ENGINES)("session revocations on %s", (kind) => {
  const h = useEngine(kind);

  it("remembers the latest 'sign out everywhere' per user, across a restart", async () => {
    const loc = await h.location();
    const store = await loc.open();
    expect(await store.sessions.revokedBefore("demo:admin")).toBeNull();
    await store.sessions.revokeAllBefore("demo:admin", 1_700_000_000_000);
    await store.sessions.revokeAllBefore("demo:admin", 1_700_000_500_000);
    expect(await store.sessions.revokedBefore("demo:admin")).toBe(1_700_000_500_000);
    expect(await store.sessions.revokedBefore("demo:viewer")).toBeNull();
    await store.close();
    const again = await loc.open();
    expect(await again.sessions.revokedBefore("demo:admin")).toBe(1_700_000_500_000);
  });

  it("refuses a blank user id before any SQL", async () => {
    const store = await h.store();
    await expect(store.sessions.revokeAllBefore("", 1)).rejects.toBeInstanceOf(StoreInvalidInputError);
  });
});
