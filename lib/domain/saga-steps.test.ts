import { describe, expect, it } from "vitest";
import { toSagaSteps } from "@/lib/domain/saga-steps";
import { fixtureHistory, fixtureSaga } from "@/lib/upstream/schemas/fixtures/load";

const NOW = Date.parse("2025-09-08T10:05:00Z");
const steps = (state: string) => toSagaSteps(fixtureSaga(state), fixtureHistory(state), { now: NOW });

describe("toSagaSteps", () => {
  it("counts attempts as retry_count + 1 of max_retries + 1", () => {
    const s = steps("retried");
    expect(s[1]?.attempts).toEqual({ used: 3, max: 4, label: "3 of 4" });
    expect(s[0]?.attempts?.label).toBe("1 of 4");
  });

  it("takes durations from started_at/completed_at", () => {
    const s = steps("completed");
    expect(s.map((x) => x.durationLabel)).toEqual(["1 s", "1 s", "1.5 s", "500 ms", "200 ms"]);
  });

  it("shows how long the current step of a running saga has been running", () => {
    const s = steps("running");
    expect(s[2]).toMatchObject({ isCurrent: true, durationLabel: "running for 30 s" });
    expect(s[3]).toMatchObject({ isCurrent: false, durationLabel: null, attempts: { used: 0 } });
  });

  it("shows the failed step's error and attempts, and the compensation of the earlier ones", () => {
    const s = steps("compensated");
    expect(s[2]).toMatchObject({ error: "provisioner unreachable", attempts: { label: "2 of 4" } });
    expect(s[2]?.compensation).toEqual({ operation: "remove_container", state: "not-needed", error: null });
    expect(s.slice(0, 2).map((x) => x.compensation.state)).toEqual(["compensated", "compensated"]);
  });

  it("marks a compensation that raised as failed, with the text only history has", () => {
    const s = steps("compensated-with-failed-compensation");
    expect(s[1]?.compensation).toEqual({
      operation: "delete_dns_record",
      state: "failed",
      error: "DNS API returned 503 Service Unavailable",
    });
    expect(s[1]?.error).toBeNull();
    expect(s[0]?.compensation.state).toBe("compensated");
  });

  it("reads the reduced memory shape without inventing attempts or durations", () => {
    const s = steps("memory");
    expect(s[0]).toMatchObject({ name: "Create database", attempts: null, durationLabel: null, operation: null });
  });

  it("renders unknown step statuses as unknown (raw)", () => {
    expect(steps("stringly-typed")[1]?.statusLabel).toBe("unknown (waiting_for_godot)");
  });
});
