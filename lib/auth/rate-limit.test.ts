import { describe, expect, it } from "vitest";
import { createLoginThrottle, tooManyAttemptsMessage } from "@/lib/auth/rate-limit";

function setup() {
  let now = 1_000_000;
  const throttle = createLoginThrottle({ maxFailures: 5, windowMs: 5 * 60_000, now: () => now });
  return { throttle, advance: (ms: number) => (now += ms) };
}

describe("login throttle", () => {
  it("allows four failures, then refuses after the fifth for the rest of the window", () => {
    const { throttle, advance } = setup();
    for (let i = 0; i < 4; i++) {
      throttle.fail("alice", "10.0.0.1");
      expect(throttle.retryAfterS("alice", "10.0.0.1")).toBe(0);
    }
    throttle.fail("alice", "10.0.0.1");
    expect(throttle.retryAfterS("alice", "10.0.0.1")).toBe(300);
    expect(tooManyAttemptsMessage(throttle.retryAfterS("alice", "10.0.0.1"))).toBe("Too many failed attempts; try again in 300 s.");
    advance(61_500);
    expect(throttle.retryAfterS("alice", "10.0.0.1")).toBe(239);
  });

  it("lets the user in again once the window has passed, with a fresh count", () => {
    const { throttle, advance } = setup();
    for (let i = 0; i < 5; i++) throttle.fail("alice", "10.0.0.1");
    advance(5 * 60_000 - 1);
    expect(throttle.retryAfterS("alice", "10.0.0.1")).toBe(1);
    advance(1);
    expect(throttle.retryAfterS("alice", "10.0.0.1")).toBe(0);
    throttle.fail("alice", "10.0.0.1");
    expect(throttle.retryAfterS("alice", "10.0.0.1")).toBe(0);
  });

  it("starts a new window when failures are spread further apart than the window", () => {
    const { throttle, advance } = setup();
    for (let i = 0; i < 4; i++) throttle.fail("alice", "10.0.0.1");
    advance(5 * 60_000);
    throttle.fail("alice", "10.0.0.1");
    expect(throttle.retryAfterS("alice", "10.0.0.1")).toBe(0);
  });

  it("forgets the failures after a successful sign-in", () => {
    const { throttle } = setup();
    for (let i = 0; i < 4; i++) throttle.fail("alice", "10.0.0.1");
    throttle.succeed("alice", "10.0.0.1");
    for (let i = 0; i < 4; i++) throttle.fail("alice", "10.0.0.1");
    expect(throttle.retryAfterS("alice", "10.0.0.1")).toBe(0);
  });

  it("counts per username and address, ignoring the username's case", () => {
    const { throttle } = setup();
    for (let i = 0; i < 5; i++) throttle.fail("Alice", "10.0.0.1");
    expect(throttle.retryAfterS("alice", "10.0.0.1")).toBeGreaterThan(0);
    expect(throttle.retryAfterS("alice", "10.0.0.2")).toBe(0);
    expect(throttle.retryAfterS("bob", "10.0.0.1")).toBe(0);
  });
});
