import { describe, expect, it } from "vitest";
import { nextFailure, type Failure } from "@/lib/query/use-failure";

const q = (o: Partial<{ error: unknown; errorUpdatedAt: number; dataUpdatedAt: number }>) => ({ error: null, errorUpdatedAt: 0, dataUpdatedAt: 0, ...o });
const boom = new Error("504 from bgops");

describe("nextFailure", () => {
  it("keeps a failure streak's start across retries and clears it when data arrives", () => {
    const first = nextFailure(null, q({ error: boom, errorUpdatedAt: 1_000 }));
    expect(first).toEqual({ error: boom, since: 1_000, at: 1_000 });
    // TanStack clears `error` while the next try runs: the known failure stays.
    expect(nextFailure(first, q({ errorUpdatedAt: 1_000 }))).toBe(first);
    const second = nextFailure(first, q({ error: boom, errorUpdatedAt: 9_000 }));
    expect(second).toEqual({ error: boom, since: 1_000, at: 9_000 });
    expect(nextFailure(second, q({ dataUpdatedAt: 12_000, errorUpdatedAt: 9_000 }))).toBeNull();
  });

  it("a streak after data starts anew", () => {
    const old: Failure = { error: boom, since: 1_000, at: 2_000 };
    expect(nextFailure(old, q({ error: boom, errorUpdatedAt: 20_000, dataUpdatedAt: 10_000 }))).toEqual({ error: boom, since: 20_000, at: 20_000 });
  });

  it("the server's error stands until the browser's answer, and a browser failure continues its streak", () => {
    const seed: Failure = { error: boom, since: 5_000, at: 5_000 };
    // Hydrated, no browser request yet: the server's error is what is known.
    expect(nextFailure(null, q({}), seed)).toBe(seed);
    // The browser's first try fails too: "failing since" keeps the time the server first saw it (it was reset to 20 s).
    expect(nextFailure(seed, q({ error: boom, errorUpdatedAt: 20_000 }), seed)).toEqual({ error: boom, since: 5_000, at: 20_000 });
    expect(nextFailure(null, q({ error: boom, errorUpdatedAt: 20_000 }), seed)).toEqual({ error: boom, since: 5_000, at: 20_000 });
    // Data after it ends it.
    expect(nextFailure(seed, q({ dataUpdatedAt: 21_000 }), seed)).toBeNull();
    expect(nextFailure(null, q({ dataUpdatedAt: 21_000 }), seed)).toBeNull();
  });
});

describe("firstRetryDelay", () => {
  it("waits the rest of the interval, bounded against a browser clock that differs from the server's", async () => {
    const { firstRetryDelay } = await import("@/lib/query/use-initial-error");
    // Same clocks, hydrated 400 ms after the server met the error: the rest of a 10 s interval.
    expect(firstRetryDelay(100_000, 10_000, 100_400)).toBe(9_600);
    // Browser 60 s behind: one interval at most, not 70 s.
    expect(firstRetryDelay(100_000, 10_000, 40_000)).toBe(10_000);
    // Browser 60 s ahead: half an interval, not an immediate request on hydration.
    expect(firstRetryDelay(100_000, 10_000, 160_000)).toBe(5_000);
  });
});
