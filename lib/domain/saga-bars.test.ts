import { describe, expect, it } from "vitest";
import { attemptSpans } from "@/lib/domain/saga-attempts";
import { aggregateBars, MAX_BARS_PER_LANE, toSagaBars, type TimelineBar } from "@/lib/domain/saga-bars";
import { toSagaTimeline } from "@/lib/domain/saga-timeline";
import type { UpstreamHistoryEntry, UpstreamSaga } from "@/lib/upstream/schemas/bgops";
import { fixtureHistory, fixtureSaga } from "@/lib/upstream/schemas/fixtures/load";

const NOW = Date.parse("2025-09-08T10:05:00Z");
const bars = (state: string) => {
  const saga = fixtureSaga(state);
  return toSagaBars(saga, toSagaTimeline(saga, fixtureHistory(state), { now: NOW }), { now: NOW });
};
const ms = (iso: string) => Date.parse(iso);

describe("toSagaBars", () => {
  it("draws a retried step as one segment per attempt, the backoff waits between them", () => {
    const b = bars("retried");
    const dns = b.forward.find((x) => x.name === "Step 2 'Create DNS record'")!;
    expect(dns).toMatchObject({ startMs: ms("2025-09-08T10:00:01Z"), endMs: ms("2025-09-08T10:00:08Z"), outcome: "completed", attempts: 3, estimated: true });
    // 7 s with two failed attempts: 1 s + 2 s of backoff, the remaining 4 s split over three attempts.
    expect(dns.segments.map((s) => [s.attempt, s.outcome, Math.round(s.startMs - dns.startMs), Math.round(s.endMs - dns.startMs)])).toEqual([
      [1, "retried", 0, 1333],
      [2, "retried", 2333, 3667],
      [3, "ok", 5667, 7000],
    ]);
    expect(dns.label).toBe("Step 2 'Create DNS record' completed on attempt 3 of 4, 7 s (earlier attempts: DNS API timeout)");
    expect(b.forward.find((x) => x.name.startsWith("Step 1"))?.segments).toHaveLength(1);
  });

  it("ends the failed step at its failure, marks it first, and puts compensations in their lane", () => {
    const b = bars("compensated-with-failed-compensation");
    const failed = b.forward.find((x) => x.outcome === "failed")!;
    expect(failed).toMatchObject({ name: "Step 3 'Deploy container'", isFirstFailure: true, endMs: expect.closeTo(ms("2025-09-08T10:02:02.280Z"), 0), error: "provisioner unreachable", attempts: 2 });
    expect(failed.segments).toHaveLength(2);
    expect(b.firstFailure?.seq).toBe(failed.seq);
    // Steps 1 and 2 ran forward and completed, whatever their compensation later did.
    expect(b.forward.map((x) => x.outcome)).toEqual(["completed", "completed", "failed"]);
    expect(b.compensation.map((x) => [x.name, x.outcome, x.error])).toEqual([
      ["Compensation of Step 2 'Create DNS record'", "compensation-failed", "DNS API returned 503 Service Unavailable"],
      ["Compensation of Step 1 'Create database'", "compensated", null],
    ]);
    // A compensation runs from the entry before it to its own.
    expect(b.compensation[0]!.startMs).toBeCloseTo(ms("2025-09-08T10:02:02.280Z") + 0.004, 6);
    expect(b.compensation[0]!.endMs).toBeCloseTo(ms("2025-09-08T10:02:02.281Z") + 0.216, 6);
  });

  it("runs a running step's bar to now and a timed-out saga's to its timeout", () => {
    const running = bars("running").forward.at(-1)!;
    expect(running).toMatchObject({ outcome: "running", endMs: NOW });
    const t = bars("timed-out");
    expect(t.forward.at(-1)).toMatchObject({ outcome: "timeout", isFirstFailure: true });
  });

  it("keeps a 5,000-step saga readable: bars merged per lane, failures never merged", () => {
    const steps = Array.from({ length: 5000 }, (_, i) => ({
      step_id: `step_${i}`, name: `Batch ${i + 1}`, operation: "import", parameters: null, compensation_operation: "undo", compensation_parameters: null,
      status: { value: i === 4000 ? "failed" : "completed" }, result: null, error: null,
      started_at: i > 4000 ? null : new Date(ms("2025-09-08T10:00:00Z") + i * 1000).toISOString(),
      completed_at: i >= 4000 ? null : new Date(ms("2025-09-08T10:00:00Z") + i * 1000 + 900).toISOString(),
      retry_count: 0, max_retries: 3,
    })) as unknown as UpstreamSaga["steps"];
    const saga = { saga_id: "s", tenant_id: "acme", workflow_type: "w", steps, status: { value: "compensated" }, current_step: 4000, created_at: "2025-09-08T10:00:00Z", updated_at: null, idempotency_key: null, timeout_seconds: 86400 } as unknown as UpstreamSaga;
    const history = steps.slice(0, 4001).map((s, i) => ({ timestamp: i === 4000 ? new Date(ms("2025-09-08T10:00:00Z") + i * 1000 + 500).toISOString() : s.completed_at, step_id: s.step_id, step_name: s.name, status: s.status, error: i === 4000 ? "boom" : null, retry_count: 0 })) as unknown as UpstreamHistoryEntry[];
    const b = toSagaBars(saga, toSagaTimeline(saga, history), {});
    expect(b.forward.length).toBeLessThanOrEqual(MAX_BARS_PER_LANE + 2);
    expect(b.aggregatedBy).toBeGreaterThan(1);
    expect(b.forward.filter((x) => x.outcome === "failed").map((x) => x.name)).toEqual(["Step 4001 'Batch 4001'"]);
    expect(b.forward.reduce((n, x) => n + x.count, 0)).toBe(4001);
    expect(b.forward[0]!.label).toMatch(/^Step 1 to Step \d+: \d+ steps, \d+ completed/);
  });
});

describe("attemptSpans", () => {
  it("splits evenly with no gaps when the span is shorter than the backoff", () => {
    const { segments } = attemptSpans(0, 300, 2, "failed");
    expect(segments.map((s) => [s.startMs, s.endMs, s.outcome])).toEqual([[0, 100, "retried"], [100, 200, "retried"], [200, 300, "failed"]]);
  });
});

describe("aggregateBars", () => {
  it("leaves bars alone at size 1", () => {
    const one = [{ outcome: "completed" }] as TimelineBar[];
    expect(aggregateBars(one, 1)).toBe(one);
  });
});
