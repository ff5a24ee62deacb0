import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { IncidentWithSteps, TimelineEvent, CreateIncidentInput } from "@/lib/store/incident-types";
import { createSchema } from "@/lib/store/incident-types";
import { parseRunbook } from "@/lib/runbook/parse";
import { checklistFromRunbook } from "./checklist";
import { buildTimeline } from "./timeline";
import { incidentToMarkdown } from "./markdown-export";

// lib/store's records go into these functions as they are: this file stops compiling if the shapes drift.
const rb = parseRunbook(readFileSync(new URL("../runbook/dotmac-runbook.md", import.meta.url), "utf8"));
const rows = checklistFromRunbook(rb);
const smoke = rows.find((r) => r.text === "Run: make smoke")!;

const stored: IncidentWithSteps = {
  id: "6f1c1f0e-8f1a-4c55-9a53-0f3a1d2b7c11",
  title: "bgops 500",
  severity: "sev3",
  tenant: "globex",
  status: "resolved",
  startedAt: "2025-09-08T09:00:00.000Z",
  openedAt: "2025-09-08T09:01:00.000Z",
  openedBy: "alice",
  runbookVersion: rb.version,
  resolvedAt: "2025-09-08T09:10:00.000Z",
  resolvedBy: "bob",
  summary: "Redis was full; bgops answered 500 text/plain.",
  seq: 5,
  counts: { total: rows.length, done: 1, skipped: 0, todo: rows.length - 1 },
  steps: rows.map((r) => ({
    stepId: r.stepId,
    sectionId: r.sectionId,
    position: r.position,
    text: r.text,
    state: r.stepId === smoke.stepId ? "done" : "todo",
    reason: null,
    note: null,
    version: r.stepId === smoke.stepId ? 2 : 1,
    updatedBy: r.stepId === smoke.stepId ? "alice" : null,
    updatedAt: r.stepId === smoke.stepId ? "2025-09-08T09:03:00.000Z" : null,
  })),
};

const events: TimelineEvent[] = [
  { seq: 1, at: "2025-09-08T09:01:00.000Z", actor: "alice", stepId: null, kind: "opened", data: { title: "bgops 500", severity: "sev3", tenant: "globex", startedAt: "2025-09-08T09:00:00.000Z" } },
  { seq: 2, at: "2025-09-08T09:03:00.000Z", actor: "alice", stepId: smoke.stepId, kind: "step", data: { from: "todo", to: "done", reason: null, note: null, version: 2 } },
  { seq: 3, at: "2025-09-08T09:04:00.000Z", actor: "alice", stepId: smoke.stepId, kind: "evidence", data: { kind: "smoke", title: "Smoke test", payload: { verdict: "fail", summary: "bgops 500", results: [] } } },
  { seq: 4, at: "2025-09-08T09:05:00.000Z", actor: "bob", stepId: null, kind: "note", data: { text: "Redis maxmemory reached" } },
  { seq: 5, at: "2025-09-08T09:10:00.000Z", actor: "bob", stepId: null, kind: "resolved", data: { summary: "Redis was full" } },
];

describe("with lib/store's records", () => {
  it("the checklist copy is accepted by the store's create schema (ids, sizes)", () => {
    const input: CreateIncidentInput = { title: "t", severity: "sev4", startedAt: Date.now(), openedBy: "a", runbookVersion: rb.version, steps: rows };
    expect(createSchema.safeParse(input).success).toBe(true);
  });

  it("builds the timeline from the store's event data", () => {
    const t = buildTimeline(events, { stepText: (id) => rows.find((r) => r.stepId === id)?.text });
    expect(t.map((e) => [e.summary, e.detail])).toEqual([
      ["Incident opened", "bgops 500"],
      ["Ticked “Run: make smoke”", undefined],
      ["Evidence — Smoke test: fail on “Run: make smoke”", "bgops 500"],
      ["Note", "Redis maxmemory reached"],
      ["Incident resolved", "Redis was full"],
    ]);
    expect(t[2]?.evidence).toEqual({ check: "smoke", label: "Smoke test", verdict: "fail", summary: "bgops 500", data: { verdict: "fail", summary: "bgops 500", results: [] } });
  });

  it("exports an IncidentWithSteps with who/when from updatedBy/updatedAt", () => {
    const md = incidentToMarkdown(stored, rb, buildTimeline(events), { tz: "UTC", now: "2025-09-08T12:00:00Z" }).split("\n");
    expect(md).toContain("- [x] Run: `make smoke` — done by alice at 2025-09-08 09:03:00 UTC");
    expect(md).toContain("- [ ] Checks performed:");
    expect(md).toContain("- **Resolved by:** bob");
    expect(md).toContain("- **Duration:** 10 min 00 s");
    expect(md).toContain("Redis was full; bgops answered 500 text/plain.");
    expect(md).toContain("### E1. Smoke test: fail");
  });
});
