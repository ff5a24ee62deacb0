import { describe, expect, it } from "vitest";
import { decide, normaliseUsername, SIGN_IN_POLICY as P } from "./sign-in-policy";

const NOW = 1_800_000_000_000;

describe("the sign-in throttle decision", () => {
  it("refuses a locked pair or address, saying when to come back", () => {
    expect(decide({ pair: { lockedUntil: NOW + 90_500 } }, NOW)).toEqual({ kind: "refuse", by: "pair", retryAfterS: 91 });
    expect(decide({ address: { lockedUntil: NOW + 1_000 }, pair: { lockedUntil: NOW + 5_000 } }, NOW)).toMatchObject({ by: "address" });
    expect(decide({ pair: { lockedUntil: NOW } }, NOW)).toEqual({ kind: "allow", delayMs: 0 });
  });

  it("slows a username under attack from many addresses down, never refuses it", () => {
    const attacked = { user: { failures: P.userSlowAfter * 100, windowStart: NOW - 1_000 } };
    expect(decide(attacked, NOW)).toEqual({ kind: "allow", delayMs: P.slowDelayMs });
    expect(decide({ user: { failures: P.userSlowAfter - 1, windowStart: NOW } }, NOW)).toEqual({ kind: "allow", delayMs: 0 });
    // An old window no longer counts.
    expect(decide({ user: { failures: 1_000, windowStart: NOW - P.windowMs } }, NOW)).toEqual({ kind: "allow", delayMs: 0 });
  });

  it("counts a username whatever its case, spacing or control characters", () => {
    expect(normaliseUsername("  Alice\u0000\n")).toBe("alice");
    expect(normaliseUsername("x".repeat(100))).toHaveLength(64);
  });
});
