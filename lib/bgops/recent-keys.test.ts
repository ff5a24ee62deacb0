import { describe, expect, it } from "vitest";
import { expiredKeyMessage, RecentKeys } from "@/lib/bgops/recent-keys";

describe("RecentKeys", () => {
  it("knows a key it listed, and not one it never saw", () => {
    const r = new RecentKeys();
    r.remember("k1", "2026-12-05T01:02:03.000Z");
    expect(r.expired("k1")).toEqual({ createdAt: "2026-12-05T01:02:03.000Z", evidence: "recent-list" });
    expect(r.expired("never-listed")).toBeNull();
  });

  it("stays bounded, forgetting the oldest first", () => {
    const r = new RecentKeys(2);
    r.remember("a", null);
    r.remember("b", null);
    r.remember("a", null); // seen again: now the newest
    r.remember("c", null);
    expect(r.expired("b")).toBeNull();
    expect(r.expired("a")).not.toBeNull();
    expect(r.expired("c")).not.toBeNull();
  });
});

describe("expiredKeyMessage", () => {
  it("says expired, when it was created and the 24 h TTL, and how the console knows", () => {
    expect(expiredKeyMessage("k1", { createdAt: "2026-12-05T01:02:03.000Z", evidence: "redis-index" })).toBe(
      "Idempotency key k1 expired (created 2026-12-05 01:02:03 UTC, 24 h TTL): it is still in bgops:idempo:index, but its record is gone.",
    );
    expect(expiredKeyMessage("k1", { createdAt: null, evidence: "recent-list" })).toBe(
      "Idempotency key k1 expired (24 h TTL): it was in a recent list this console fetched, and the API now answers 404.",
    );
  });
});
