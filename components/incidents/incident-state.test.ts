import { describe, expect, it } from "vitest";
import type { IncidentStep, TimelineEvent } from "@/lib/store";
import { conflictMessage, mergeChanges, stepByline, type IncidentDetail } from "./incident-state";

const step = (id: string, over: Partial<IncidentStep> = {}): IncidentStep => ({
  stepId: id, sectionId: "s", position: 0, text: id, state: "todo", reason: null, note: null, version: 1, updatedBy: null, updatedAt: null, ...over,
});
const note = (seq: number, text: string): TimelineEvent => ({ seq, at: "2025-09-08T09:00:00.000Z", actor: "a", stepId: null, kind: "note", data: { text } });

function detail(): IncidentDetail {
  return {
    incident: {
      id: "i", title: "t", severity: "sev2", tenant: "acme", status: "open", startedAt: "", openedAt: "", openedBy: "a", runbookVersion: "v",
      resolvedAt: null, resolvedBy: null, summary: null, seq: 2, counts: { total: 2, done: 0, skipped: 0, todo: 2 },
      steps: [step("a"), step("b")],
    },
    events: [note(1, "opened"), note(2, "first")],
  };
}

describe("mergeChanges", () => {
  it("shows another responder's tick and note, each once, in order", () => {
    const d = detail();
    const theirs = step("b", { state: "done", version: 2, updatedBy: "alex", updatedAt: "2025-09-08T09:01:00.000Z" });
    const changes = { incident: { ...d.incident, seq: 4 }, steps: [theirs], events: [note(3, "x"), note(2, "first"), note(4, "y")] };
    const merged = mergeChanges(d, changes);
    expect(merged.incident.steps.find((s) => s.stepId === "b")?.state).toBe("done");
    expect(merged.incident.seq).toBe(4);
    expect(merged.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(mergeChanges(merged, changes).events).toHaveLength(4);
  });

  it("never replaces a newer step with an older poll answer", () => {
    const d = detail();
    d.incident.steps[0] = step("a", { state: "skipped", reason: "n/a", version: 3 });
    const merged = mergeChanges(d, { incident: d.incident, steps: [step("a", { state: "done", version: 2 })], events: [] });
    expect(merged.incident.steps[0]?.state).toBe("skipped");
  });
});

describe("conflict and byline text", () => {
  it("names who changed the step, what they did and how long ago", () => {
    const theirs = step("a", { state: "done", version: 2, updatedBy: "Alex", updatedAt: "2025-09-08T09:00:00.000Z" });
    expect(conflictMessage(theirs, Date.parse("2025-09-08T09:00:10Z"))).toBe("Alex ticked this 10 s ago — your change was not applied.");
    expect(conflictMessage({ ...theirs, state: "skipped", reason: "no Redis" }, Date.parse("2025-09-08T09:02:00Z"))).toContain("skipped this 2 min ago (“no Redis”)");
  });

  it("says who ticked or skipped a step and when", () => {
    expect(stepByline(step("a"))).toBeNull();
    expect(stepByline(step("a", { state: "skipped", reason: "not our cluster", updatedBy: "bo", updatedAt: "2025-09-08T09:03:04.000Z" }))).toBe(
      "skipped by bo at 09:03:04 UTC — not our cluster",
    );
  });
});
