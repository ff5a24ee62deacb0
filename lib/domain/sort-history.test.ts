import { describe, expect, it } from "vitest";
import { sortHistory } from "@/lib/domain/sort-history";
import { fixtureHistory } from "@/lib/upstream/schemas/fixtures/load";

describe("sortHistory", () => {
  it("puts a newest-first history back in chronological order", () => {
    const sorted = sortHistory(fixtureHistory("newest-first"));
    expect(sorted.map((e) => `${e.step_id}:${e.status.value}`)).toEqual([
      "step_0:completed",
      "step_1:completed",
      "step_2:failed",
      "step_1:compensated",
      "step_0:compensated",
    ]);
    expect(sorted).toEqual(fixtureHistory("compensated"));
  });

  it("orders by the instant, not the text (offsets, microseconds)", () => {
    const sorted = sortHistory([
      { timestamp: "2025-09-08T12:00:00.000002+02:00", id: "b" },
      { timestamp: "2025-09-08T10:00:00.000001+00:00", id: "a" },
    ]);
    expect(sorted.map((e) => e.id)).toEqual(["a", "b"]);
  });

  it("is stable for equal timestamps and puts unreadable ones last in source order", () => {
    const t = "2025-09-08T10:00:00.000000+00:00";
    const sorted = sortHistory([
      { timestamp: null, id: "x1" },
      { timestamp: t, id: "e1" },
      { timestamp: "garbage", id: "x2" },
      { timestamp: t, id: "e2" },
    ]);
    expect(sorted.map((e) => e.id)).toEqual(["e1", "e2", "x1", "x2"]);
  });

  it("does not modify its input", () => {
    const input = fixtureHistory("newest-first");
    const first = input[0];
    sortHistory(input);
    expect(input[0]).toBe(first);
  });
});
