import { describe, expect, it } from "vitest";
import { compactingGc } from "@/lib/server/idle-gc";

const MB = 1024 * 1024;

describe("compactingGc", () => {
  it("gives back a fragmented heap: garbage freed and its pages released, one live object in twenty kept", () => {
    const gc = compactingGc();
    expect(gc, "this Node exposes gc() through --expose-gc").not.toBeNull();
    gc!();
    const base = process.memoryUsage();
    // The soak's pattern: many short-lived objects, a few survivors scattered over every page.
    const survivors: object[] = [];
    let garbage: object[] | null = [];
    for (let i = 0; i < 2_000_000; i++) {
      const o = { i, s: `saga-${i}` };
      garbage.push(o);
      if (i % 20 === 0) survivors.push(o);
    }
    garbage = null;
    const grown = process.memoryUsage();
    expect(grown.heapTotal - base.heapTotal).toBeGreaterThan(100 * MB);

    gc!();
    const after = process.memoryUsage();
    // Freed: only the survivors (~100k small objects) stay in use. A young-generation collection frees none of it.
    expect(after.heapUsed - base.heapUsed).toBeLessThan(40 * MB);
    // Compacted: the committed heap comes back near its resting size. A plain full gc() leaves ~2/3 of the growth.
    expect(after.heapTotal - base.heapTotal).toBeLessThan((grown.heapTotal - base.heapTotal) / 3);
    expect(survivors).toHaveLength(100_000);
  });
});
