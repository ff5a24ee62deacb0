import { describe, expect, it } from "vitest";
import { sagaVerdict } from "@/lib/domain/saga-verdict";
import { fixtureHistory, fixtureSaga } from "@/lib/upstream/schemas/fixtures/load";

const OPTS = { now: Date.parse("2025-09-08T10:05:00Z"), stuckAfterMs: 15 * 60_000 };
const verdict = (state: string) => sagaVerdict(fixtureSaga(state), fixtureHistory(state), OPTS);

describe("sagaVerdict", () => {
  it("says where a compensated saga failed, after how many attempts, and how compensation went", () => {
    expect(verdict("compensated")).toEqual({
      text: "Failed at step 3 'Deploy container' after 2 attempts (provisioner unreachable); 2 of 2 compensations succeeded",
      tone: "bad",
    });
  });

  it("leads with a failed compensation: someone has to clean up", () => {
    expect(verdict("compensated-with-failed-compensation").text).toBe(
      "Compensation of 'Create DNS record' FAILED (DNS API returned 503 Service Unavailable) — manual clean-up needed. Failed at step 3 'Deploy container' after 2 attempts (provisioner unreachable).",
    );
  });

  it("finds a failed compensation from history alone when the step record does not show it", () => {
    const saga = fixtureSaga("compensated-with-failed-compensation");
    saga.steps[1]!.status = { value: "compensated", raw: "compensated" };
    const v = sagaVerdict(saga, fixtureHistory("compensated-with-failed-compensation"), OPTS);
    expect(v.text).toMatch(/^Compensation of 'Create DNS record' FAILED \(.+\) — manual clean-up needed/);
  });

  it("gives the duration of a completed saga and names retried steps", () => {
    expect(verdict("completed")).toEqual({ text: "Completed all 5 steps in 4.2 s", tone: "ok" });
    expect(verdict("retried").text).toBe("Completed all 5 steps in 13 s ('Create DNS record' needed 3 attempts)");
  });

  it("reads `failed` as a timeout and names the step it stopped at", () => {
    expect(verdict("timed-out")).toEqual({ text: "Timed out after 2 h at step 2 'Create DNS record'", tone: "bad" });
  });

  it("tells running from possibly stuck", () => {
    expect(verdict("running")).toEqual({ text: "Running: step 3 of 5 'Deploy container'", tone: "info" });
    expect(verdict("stuck")).toEqual({
      text: "Possibly stuck: no progress since 2025-09-08 08:31:00 UTC (1 h 33 min ago) (step 2 of 5 'Create DNS record')",
      tone: "warn",
    });
  });

  it("does not call a reduced memory record stuck (it has no updated_at) and survives unknown statuses", () => {
    expect(verdict("memory").text).toBe("Running: step 2 of 2 'Create DNS record'");
    expect(verdict("stringly-typed")).toEqual({
      text: "Status unknown (paused_by_operator): the console cannot judge it (step 2 of 2 'Notify customer')",
      tone: "unknown",
    });
  });

  it("counts steps without a compensation operation separately", () => {
    const saga = fixtureSaga("compensated");
    saga.steps[0]!.compensation_operation = null;
    saga.steps[0]!.status = { value: "completed", raw: "completed" };
    expect(sagaVerdict(saga, [], OPTS).text).toBe(
      "Failed at step 3 'Deploy container' after 2 attempts (provisioner unreachable); 1 of 1 compensations succeeded (1 step had no compensation)",
    );
  });
});

it("gives the same verdict with a precomputed timeline", async () => {
  const { toSagaTimeline } = await import("@/lib/domain/saga-timeline");
  for (const state of ["compensated", "compensated-with-failed-compensation", "timed-out"]) {
    const saga = fixtureSaga(state);
    const history = fixtureHistory(state);
    expect(sagaVerdict(saga, history, { ...OPTS, timeline: toSagaTimeline(saga, history) })).toEqual(sagaVerdict(saga, history, OPTS));
  }
});
