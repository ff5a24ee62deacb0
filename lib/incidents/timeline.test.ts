import { describe, expect, it } from "vitest";
import { buildTimeline, evidencePayload, stepPayload } from "./timeline";
import type { IncidentEvent } from "./types";

const ev = (seq: number, at: IncidentEvent["at"], kind: string, extra: Partial<IncidentEvent> = {}): IncidentEvent => ({
  seq,
  at,
  actor: "alice",
  kind,
  ...extra,
});

describe("buildTimeline", () => {
  it("orders by time, then seq, whatever order and time format the sources give", () => {
    const t = buildTimeline([
      ev(4, "2025-09-08T10:00:00Z", "resolved", { text: "Redis back" }),
      ev(2, new Date("2025-09-08T09:30:00Z"), "note", { text: "Looking at Redis" }),
      ev(1, "2025-09-08 09:00:00", "opened"),
      ev(3, Date.parse("2025-09-08T09:30:00Z"), "evidence", { payload: { label: "Smoke test", verdict: "fail" } }),
    ]);
    expect(t.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    // SQLite's zone-less CURRENT_TIMESTAMP is UTC, not local time.
    expect(t[0]?.at).toBe("2025-09-08T09:00:00.000Z");
    expect(t.map((e) => e.summary)).toEqual(["Incident opened", "Note", "Evidence — Smoke test: fail", "Incident resolved"]);
    expect(t[3]?.detail).toBe("Redis back");
  });

  it("merges pages from several polls without duplicates and puts unreadable times last", () => {
    const page1 = [ev(1, "2025-09-08T09:00:00Z", "opened"), ev(2, "garbage", "note", { text: "clock?" })];
    const page2 = [ev(2, "garbage", "note", { text: "clock?" }), ev(3, "2025-09-08T09:05:00Z", "note", { text: "x" })];
    const t = buildTimeline([...page1, ...page2]);
    expect(t.map((e) => e.seq)).toEqual([1, 3, 2]);
    expect(t[2]?.at).toBeNull();
  });

  it("describes step changes with the step's text, the skip reason and the actor", () => {
    const text = (id: string) => ({ "s.1": "Run: make smoke", "s.2": "Check time skew" })[id];
    const t = buildTimeline(
      [
        ev(1, "2025-09-08T09:00:00Z", "step", { stepId: "s.1", payload: { state: "done" } }),
        ev(2, "2025-09-08T09:10:00Z", "step", { actor: "bob", stepId: "s.2", payload: '{"state":"skipped","reason":"no NTP access"}' }),
        ev(3, "2025-09-08T09:20:00Z", "note", { stepId: "s.2", text: "asked infra" }),
        ev(4, "2025-09-08T09:30:00Z", "step", { stepId: "s.9", text: "Removed step", payload: { state: "todo" } }),
        ev(5, "2025-09-08T09:40:00Z", "escalated", { text: "paged DB team" }),
      ],
      { stepText: text },
    );
    expect(t.map((e) => e.summary)).toEqual([
      "Ticked “Run: make smoke”",
      "Skipped “Check time skew”",
      "Note on “Check time skew”",
      "Reopened “Removed step”",
      "Event “escalated”",
    ]);
    expect(t[1]).toMatchObject({ actor: "bob", state: "skipped", detail: "no NTP access" });
    expect(t[4]?.detail).toBe("paged DB team");
  });

  it("keeps a tick and the untick 14 s later as two entries, each with its own time and person", () => {
    const t = buildTimeline(
      [
        ev(1, "2026-12-05T22:52:15Z", "step", { stepId: "s.1", payload: { state: "done" } }),
        ev(2, "2026-12-05T22:52:29Z", "step", { stepId: "s.1", payload: { state: "todo" } }),
      ],
      { stepText: () => "Run: make smoke" },
    );
    expect(t.map((e) => [e.at, e.actor, e.summary])).toEqual([
      ["2026-12-05T22:52:15.000Z", "alice", "Ticked “Run: make smoke”"],
      ["2026-12-05T22:52:29.000Z", "alice", "Reopened “Run: make smoke”"],
    ]);
  });

  it("groups quick consecutive changes of one step by one person without dropping any, not others", () => {
    const events = [
      ev(1, "2025-09-08T09:00:00Z", "step", { stepId: "s.1", payload: { state: "done" } }),
      ev(2, "2025-09-08T09:00:10Z", "step", { stepId: "s.1", payload: { state: "todo" } }),
      ev(3, "2025-09-08T09:00:20Z", "step", { stepId: "s.1", payload: { state: "done" } }),
      ev(4, "2025-09-08T09:00:30Z", "step", { actor: "bob", stepId: "s.1", payload: { state: "todo" } }),
      ev(5, "2025-09-08T09:05:00Z", "step", { actor: "bob", stepId: "s.1", payload: { state: "done" } }),
    ];
    const grouped = buildTimeline(events);
    expect(grouped.map((e) => [e.seq, e.at, e.actor, e.state, e.foldedInto])).toEqual([
      [1, "2025-09-08T09:00:00.000Z", "alice", "done", undefined],
      [2, "2025-09-08T09:00:10.000Z", "alice", "todo", 1],
      [3, "2025-09-08T09:00:20.000Z", "alice", "done", 1],
      [4, "2025-09-08T09:00:30.000Z", "bob", "todo", undefined],
      [5, "2025-09-08T09:05:00.000Z", "bob", "done", undefined],
    ]);
    expect(buildTimeline(events, { foldWithinMs: 0 }).map((e) => e.foldedInto)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it("reads payloads leniently", () => {
    expect(stepPayload({ to: "done", reason: 3 })).toEqual({ state: "done" });
    expect(stepPayload("not json")).toEqual({});
    expect(stepPayload({ state: "exploded" })).toEqual({});
    expect(evidencePayload({ check: "health", verdict: "warn", data: { a: 1 }, label: "" })).toEqual({
      check: "health",
      verdict: "warn",
      data: { a: 1 },
    });
  });
});
