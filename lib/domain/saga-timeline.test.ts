import { describe, expect, it } from "vitest";
import { toSagaTimeline } from "@/lib/domain/saga-timeline";
import { fixtureHistory, fixtureSaga } from "@/lib/upstream/schemas/fixtures/load";

const timeline = (state: string, historyState = state) =>
  toSagaTimeline(fixtureSaga(state), fixtureHistory(historyState), { now: Date.parse("2025-09-08T10:05:00Z") });
const kinds = (t: ReturnType<typeof toSagaTimeline>) => t.events.map((e) => `${e.stepId}:${e.kind}`);

describe("toSagaTimeline", () => {
  it("puts forward steps and compensations in separate lanes and marks the first failure", () => {
    const t = timeline("compensated");
    expect(t.forward.map((e) => e.kind)).toEqual(["forward-completed", "forward-completed", "forward-failed"]);
    expect(t.compensation.map((e) => e.stepName)).toEqual(["Create DNS record", "Create database"]);
    expect(t.firstFailureSeq).toBe(2);
    expect(t.events[2]).toMatchObject({ isFirstFailure: true, label: "Step 3 'Deploy container' failed after 2 attempts: provisioner unreachable" });
    expect(t.events.filter((e) => e.isFirstFailure)).toHaveLength(1);
  });

  it("classifies a failed entry for an already completed step after the failure as a failed compensation", () => {
    const t = timeline("compensated-with-failed-compensation");
    expect(kinds(t)).toEqual([
      "step_0:forward-completed",
      "step_1:forward-completed",
      "step_2:forward-failed",
      "step_1:compensation-failed",
      "step_0:compensated",
    ]);
    expect(t.events[3]).toMatchObject({ lane: "compensation", label: "Compensation of Step 2 'Create DNS record' failed: DNS API returned 503 Service Unavailable" });
  });

  it("uses the step statuses when the completed entry is missing from history", () => {
    const history = fixtureHistory("compensated-with-failed-compensation").filter((e, i) => i !== 1);
    const t = toSagaTimeline(fixtureSaga("compensated-with-failed-compensation"), history);
    expect(t.events.find((e) => e.stepId === "step_1")?.kind).toBe("compensation-failed");
  });

  it("does not trust the source order", () => {
    expect(kinds(timeline("compensated", "newest-first"))).toEqual(kinds(timeline("compensated")));
  });

  it("recognises the timeout entry as the first failure", () => {
    const t = timeline("timed-out");
    expect(t.events[1]).toMatchObject({ kind: "timeout", lane: "forward", isFirstFailure: true, label: "Saga timed out" });
  });

  it("places events on a time axis from the saga's creation; a running saga's axis runs to now", () => {
    const t = timeline("running");
    expect(t.startMs).toBe(Date.parse("2025-09-08T10:02:00Z"));
    expect(t.endMs).toBe(Date.parse("2025-09-08T10:05:00Z"));
    expect(t.events[0]?.offsetMs).toBeCloseTo(70_200, 3);
    expect(t.firstFailureSeq).toBeNull();
    expect(timeline("completed").endMs).toBe(Date.parse("2025-09-08T10:00:04.200Z"));
  });

  it("shows history without a saga record, and unknown statuses as unknown (raw)", () => {
    const t = toSagaTimeline(null, fixtureHistory("stringly-typed"));
    expect(t.startMs).toBe(Date.parse("2025-09-08T10:00:02.500Z"));
    expect(t.events[1]).toMatchObject({ kind: "other", statusLabel: "unknown (deferred)", stepIndex: null });
  });
});
