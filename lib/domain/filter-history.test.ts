import { describe, expect, it } from "vitest";
import { filterHistory, historyStepOptions } from "@/lib/domain/filter-history";
import { toSagaTimeline } from "@/lib/domain/saga-timeline";
import { fixtureHistory, fixtureSaga } from "@/lib/upstream/schemas/fixtures/load";

const events = toSagaTimeline(
  fixtureSaga("compensated-with-failed-compensation"),
  fixtureHistory("compensated-with-failed-compensation"),
).events;

describe("filterHistory", () => {
  it("filters by step, keeping the sorted position", () => {
    const rows = filterHistory(events, { stepId: "step_1" });
    expect(rows.map((r) => [r.seq, r.kind])).toEqual([
      [1, "forward-completed"],
      [3, "compensation-failed"],
    ]);
  });
  it("filters by status and by kind", () => {
    expect(filterHistory(events, { status: "failed" }).map((r) => r.stepId)).toEqual(["step_2", "step_1"]);
    expect(filterHistory(events, { kind: "compensation-failed" })).toHaveLength(1);
  });
  it("searches step names and errors, and combines filters", () => {
    expect(filterHistory(events, { text: "DNS api" }).map((r) => r.seq)).toEqual([3]);
    expect(filterHistory(events, { text: "dns", status: "completed" }).map((r) => r.seq)).toEqual([1]);
  });
  it("matches an unknown status by its raw text", () => {
    const odd = toSagaTimeline(null, fixtureHistory("stringly-typed")).events;
    expect(filterHistory(odd, { status: "deferred" })).toHaveLength(1);
  });
  it("returns everything for an empty filter", () => {
    expect(filterHistory(events, { stepId: null, status: "", text: "  " })).toHaveLength(events.length);
  });
  it("offers each step once as a filter choice", () => {
    expect(historyStepOptions(events).map((o) => o.stepName)).toEqual(["Create database", "Create DNS record", "Deploy container"]);
  });
});
