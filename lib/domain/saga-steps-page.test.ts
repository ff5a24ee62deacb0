import { describe, expect, it } from "vitest";
import { toSagaSteps } from "@/lib/domain/saga-steps";
import { firstStepsPage, NOTABLE_MAX, pageSteps, STEPS_FIRST_PAGE, STEPS_PAGE_MAX, stepRows } from "@/lib/domain/saga-steps-page";
import { sagaVerdict } from "@/lib/domain/saga-verdict";
import { fixtureHistory, fixtureSaga } from "@/lib/upstream/schemas/fixtures/load";
import type { UpstreamSaga } from "@/lib/upstream/schemas/bgops";

const NOW = Date.parse("2025-09-08T10:05:00Z");

/**
 * A bulk import the size of the demo's: `n` steps, the one at `failedAt` failed going forward, the earlier ones
 * compensated except those in `brokenCompensations` (status "failed": their compensation raised).
 */
function bulkSaga(n: number, failedAt: number, brokenCompensations: number[] = []): UpstreamSaga {
  const base = fixtureSaga("compensated");
  const template = base.steps[0]!;
  const steps = Array.from({ length: n }, (_, i) => ({
    ...template,
    step_id: `step_${i}`,
    name: `Import customer batch ${i + 1}`,
    status: i === failedAt || brokenCompensations.includes(i) ? { value: "failed" as const, raw: "failed" } : i < failedAt ? { value: "compensated" as const, raw: "compensated" } : { value: "pending" as const, raw: "pending" },
    error: i === failedAt ? "rate limited" : null,
  }));
  return { ...base, steps, current_step: failedAt, status: { value: "compensated", raw: "compensated" } };
}

describe("pageSteps", () => {
  const steps = toSagaSteps(bulkSaga(1_203, 1_100), [], { now: NOW });

  it("pages in saga order, contiguous, never more than STEPS_PAGE_MAX, with a cursor to the next page", () => {
    const p1 = pageSteps(steps, { cursor: 0, limit: 10_000 });
    expect(p1.items).toHaveLength(STEPS_PAGE_MAX);
    expect(p1.items.map((s) => s.index)).toEqual(Array.from({ length: STEPS_PAGE_MAX }, (_, i) => i));
    expect(p1).toMatchObject({ cursor: 0, total: 1_203, nextCursor: 500 });
    const p2 = pageSteps(steps, { cursor: p1.nextCursor!, limit: 500 });
    expect(p2.items[0]!.index).toBe(500);
    const p3 = pageSteps(steps, { cursor: p2.nextCursor!, limit: 500 });
    expect(p3.items.map((s) => s.number)).toEqual(Array.from({ length: 203 }, (_, i) => 1_001 + i));
    expect(p3.nextCursor).toBeNull();
    expect([...p1.items, ...p2.items, ...p3.items].map((s) => s.index)).toEqual(steps.map((s) => s.index));
  });

  it("keeps a limit of at least one, and an end cursor yields an empty last page", () => {
    expect(pageSteps(steps, { cursor: 7, limit: 0 }).items.map((s) => s.index)).toEqual([7]);
    expect(pageSteps(steps, { cursor: 1_203, limit: 50 })).toMatchObject({ items: [], nextCursor: null, total: 1_203 });
  });
});

describe("firstStepsPage", () => {
  it("carries the first steps plus the failed one further on, and no other", () => {
    const saga = bulkSaga(5_010, 5_001);
    const first = firstStepsPage(toSagaSteps(saga, [], { now: NOW }));
    expect(first.items).toHaveLength(STEPS_FIRST_PAGE);
    expect(first).toMatchObject({ total: 5_010, nextCursor: STEPS_FIRST_PAGE });
    expect(first.notable.map((s) => s.number)).toEqual([5_002]);
    expect(first.notable[0]).toMatchObject({ error: "rate limited", statusLabel: "failed" });
    // The verdict is computed from every step, and names the step the first page adds.
    expect(sagaVerdict(saga, [], { now: NOW, stuckAfterMs: 60_000 }).text).toContain("step 5002 'Import customer batch 5002'");
  });

  it("adds failed compensations, in saga order, and stays bounded when there are many", () => {
    const few = firstStepsPage(toSagaSteps(bulkSaga(3_000, 2_500, [900, 60]), [], { now: NOW }));
    expect(few.notable.map((s) => [s.number, s.statusLabel])).toEqual([
      [61, "failed (compensation)"],
      [901, "failed (compensation)"],
      [2_501, "failed"],
    ]);
    const many = firstStepsPage(toSagaSteps(bulkSaga(3_000, 2_999, Array.from({ length: 400 }, (_, i) => 100 + i)), [], { now: NOW }));
    expect(many.notable).toHaveLength(NOTABLE_MAX);
  });

  it("a small saga is one page, with nothing after it", () => {
    const small = firstStepsPage(toSagaSteps(fixtureSaga("compensated"), fixtureHistory("compensated"), { now: NOW }));
    expect(small).toMatchObject({ nextCursor: null, notable: [] });
    expect(small.items).toHaveLength(small.total);
  });
});

describe("stepRows", () => {
  it("orders loaded steps, keeps each once, and marks the steps not loaded", () => {
    const steps = toSagaSteps(bulkSaga(200, 150), [], { now: NOW });
    const first = firstStepsPage(steps, 20);
    const rows = stepRows([...first.items, ...first.notable, ...pageSteps(steps, { cursor: 20, limit: 10 }).items, first.notable[0]!], 200);
    expect(rows.filter((r) => r.kind === "step")).toHaveLength(31);
    expect(rows.slice(29, 33)).toEqual([
      { kind: "step", step: steps[29] },
      { kind: "gap", from: 31, to: 150 },
      { kind: "step", step: steps[150] },
      { kind: "gap", from: 152, to: 200 },
    ]);
    expect(stepRows(steps, 200).some((r) => r.kind === "gap")).toBe(false);
  });
});
