import { describe, expect, it } from "vitest";
import { TtlMap } from "@/lib/server/ttl-map";

describe("TtlMap", () => {
  it("never holds more than its bound, dropping the oldest first", () => {
    const m = new TtlMap<number>(100, 60_000);
    for (let i = 0; i < 10_000; i++) m.set(`k${i}`, i);
    expect(m.size).toBe(100);
    expect(m.get("k9999")).toBe(9999);
    expect(m.get("k9899")).toBeUndefined();
  });

  it("forgets entries older than its ttl, on read and on the next write", () => {
    let t = 0;
    const m = new TtlMap<string>(100, 1_000, () => t);
    m.set("a", "A");
    m.set("b", "B");
    t = 999;
    expect(m.get("a")).toBe("A");
    t = 1_500;
    expect(m.get("a")).toBeUndefined();
    m.set("c", "C");
    expect(m.size).toBe(1);
  });
});
