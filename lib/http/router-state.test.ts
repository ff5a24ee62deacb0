import { describe, expect, it } from "vitest";
import { isValidRouterStateHeader } from "@/lib/http/router-state";

const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));

describe("isValidRouterStateHeader", () => {
  it("accepts the trees a browser sends", () => {
    expect(isValidRouterStateHeader(enc(["", { children: ["(console)", { children: ["runbook", {}] }] }, null, null, true]))).toBe(false);
    expect(isValidRouterStateHeader(enc(["", { children: ["(console)", { children: ["runbook", {}, null, null] }] }, null, "refetch"]))).toBe(true);
    expect(isValidRouterStateHeader(enc(["", { children: [["id", "abc", "d", null], {}] }, ["/x", "/x"], null, 1]))).toBe(true);
    expect(isValidRouterStateHeader(enc(["", {}]))).toBe(true);
  });

  it("refuses what Next would fail to parse", () => {
    for (const bad of ["%", "{", "not json", enc({ a: 1 }), enc([]), enc([1, {}]), enc(["", { c: "x" }]), enc(["", {}, "x"]), "x".repeat(40_001)]) {
      expect(isValidRouterStateHeader(bad), bad.slice(0, 40)).toBe(false);
    }
    let deep: unknown = ["", {}];
    for (let i = 0; i < 100; i++) deep = ["", { children: deep }];
    expect(isValidRouterStateHeader(enc(deep))).toBe(false);
  });
});
