import { describe, expect, it } from "vitest";
import { benchSloEvaluation } from "./bench";

describe("benchSloEvaluation", () => {
  it("builds 20 series of 15-s samples and times every evaluation path", async () => {
    const r = await benchSloEvaluation({ days: 1 });
    expect(r.series).toBe(20);
    expect(r.samples).toBe(20 * (24 * 240 + 1));
    for (const ms of [r.evaluateMs, r.seriesMs, r.evaluateRowsMs]) expect(ms).toBeGreaterThan(0);
  });
});
