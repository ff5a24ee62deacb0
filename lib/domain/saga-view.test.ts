import { describe, expect, it } from "vitest";
import { sagaViewAt } from "@/lib/domain/saga-clock";
import { toSagaView } from "@/lib/domain/saga-view";
import { fixtureHistory, fixtureSaga } from "@/lib/upstream/schemas/fixtures/load";

const OPTS = { now: Date.parse("2025-09-08T10:05:00Z"), stuckAfterMs: 15 * 60_000, tenantInUse: "acme" };
const view = (state: string, opts = OPTS) => toSagaView(fixtureSaga(state), fixtureHistory(state), opts);

describe("toSagaView", () => {
  it("shows a pending saga with recent progress as running, with its timeout remaining", () => {
    const v = view("running");
    expect(v.status).toMatchObject({ label: "Running", tone: "info", terminal: false });
    expect(v.stuck).toBeNull();
    expect(v.currentStep).toEqual({ number: 3, total: 5, name: "Deploy container" });
    expect(v.timeout).toMatchObject({ remainingMs: 7_020_000, label: "1 h 57 min left (timeout 2 h)" });
  });

  it("flags a pending saga whose updated_at is older than the threshold as possibly stuck", () => {
    const v = view("stuck");
    expect(v.status).toMatchObject({ label: "Possibly stuck since 2025-09-08 08:31:00 UTC", tone: "warn" });
    expect(v.stuck?.forMs).toBe(5_639_500);
    expect(view("stuck", { ...OPTS, stuckAfterMs: 2 * 3_600_000 }).stuck).toBeNull();
  });

  it("says a past-deadline pending saga is past its timeout", () => {
    const v = view("stuck", { ...OPTS, now: Date.parse("2025-09-08T11:00:00Z") });
    expect(v.timeout?.label).toBe("past its timeout by 30 min; the platform marks it failed on its next check");
  });

  it("reads `failed` as timed out and `compensated` as a failure", () => {
    expect(view("timed-out").status).toMatchObject({ label: "Timed out", tone: "bad", terminal: true });
    expect(view("compensated").status).toMatchObject({ label: "Failed — compensated", tone: "bad" });
    expect(view("compensated-with-failed-compensation")).toMatchObject({
      compensationFailed: true,
      status: { label: "Failed — a compensation failed" },
    });
    expect(view("completed").status).toMatchObject({ label: "Completed", tone: "ok" });
    expect(view("completed").timeout).toMatchObject({ remainingMs: null, label: "timeout 2 h" });
  });

  it("flags a saga of another tenant", () => {
    expect(view("running").crossTenant).toBe(false);
    expect(view("running", { ...OPTS, tenantInUse: "globex" })).toMatchObject({ crossTenant: true, tenant: "acme" });
  });

  it("renders unknown statuses as unknown (raw) and notes the reduced memory shape", () => {
    expect(view("stringly-typed").status).toMatchObject({ value: "unknown", label: "unknown (paused_by_operator)", tone: "unknown" });
    const m = view("memory");
    expect(m).toMatchObject({ reduced: true, timeout: null, stuck: null, idempotencyKey: null });
    expect(view("running").reduced).toBe(false);
  });
});

describe("sagaViewAt (the header ticking in the browser, without the saga record)", () => {
  it.each(["running", "stuck", "completed", "compensated-with-failed-compensation", "stringly-typed", "memory"])("reads as the server's view computed later (%s)", (state) => {
    const at = (now: number) => view(state, { ...OPTS, now });
    for (const later of [OPTS.now + 1_000, OPTS.now + 20 * 60_000, Date.parse("2025-09-08T13:00:00Z")]) {
      expect(sagaViewAt(at(OPTS.now), later, OPTS.stuckAfterMs)).toEqual(at(later));
    }
  });

  it("turns a running saga stuck, and its time left into past its timeout, as the clock moves", () => {
    const v = view("running");
    const later = sagaViewAt(v, Date.parse("2025-09-08T12:30:00Z"), OPTS.stuckAfterMs);
    expect(later.status).toMatchObject({ label: expect.stringMatching(/^Possibly stuck since /), tone: "warn" });
    expect(later.timeout?.label).toMatch(/^past its timeout by /);
  });
});

