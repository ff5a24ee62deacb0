import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import type { Root } from "mdast";
import { parseRunbook } from "@/lib/runbook/parse";
import { checklistFromRunbook, checklistProgress } from "./checklist";
import { buildTimeline } from "./timeline";
import { incidentToMarkdown } from "./markdown-export";
import type { Incident, IncidentEvent, IncidentStep } from "./types";

const rb = parseRunbook(readFileSync(new URL("../runbook/dotmac-runbook.md", import.meta.url), "utf8"));
const rows = checklistFromRunbook(rb);
const idOf = (text: string) => {
  const row = rows.find((r) => r.text === text);
  if (!row) throw new Error(`no row ${text}`);
  return row.stepId;
};
const SMOKE = idOf("Run: make smoke");
const SKEW = idOf("Check time skew between services (<5 minutes).");
const LIVE = idOf("Liveness: /health/live");

const incident: Incident = {
  id: "inc_7",
  title: "Provisioning failures for acme | sagas stuck",
  severity: "sev2",
  tenant: "acme",
  status: "resolved",
  startedAt: "2025-09-08T09:00:00Z",
  resolvedAt: "2025-09-08T09:34:40Z",
  openedBy: "alice",
  runbookVersion: rb.version,
};

const steps: IncidentStep[] = rows.map((r) => ({
  incidentId: "inc_7",
  stepId: r.stepId,
  sectionId: r.sectionId,
  text: r.text,
  state: r.stepId === SMOKE || r.stepId === LIVE ? "done" : r.stepId === SKEW ? "skipped" : "todo",
  reason: r.stepId === SKEW ? "no NTP access from the bastion" : null,
  note: r.stepId === SMOKE ? "bgops answered 500 text/plain" : null,
  actor: r.stepId === SKEW ? "bob" : "alice",
  updatedAt: r.stepId === SKEW ? "2025-09-08T09:20:00Z" : "2025-09-08T09:05:00Z",
  version: 1,
}));

const events: IncidentEvent[] = [
  { seq: 1, at: "2025-09-08T09:00:00Z", actor: "alice", kind: "opened", text: "acme provisioning failing" },
  { seq: 2, at: "2025-09-08T09:05:00Z", actor: "alice", kind: "step", stepId: SMOKE, payload: { state: "done" } },
  { seq: 3, at: "2025-09-08T09:06:00Z", actor: "alice", kind: "evidence", stepId: SMOKE, payload: { check: "smoke", label: "Smoke test", verdict: "fail", summary: "5 OK, 1 FAIL: bgops 500", data: { results: [{ check: "bgops", status: 500 }] } } },
  { seq: 4, at: "2025-09-08T09:20:00Z", actor: "bob", kind: "step", stepId: SKEW, payload: { state: "skipped", reason: "no NTP access from the bastion" } },
  { seq: 5, at: "2025-09-08T09:34:40Z", actor: "alice", kind: "resolved", text: "Redis restarted" },
];
const timeline = buildTimeline(events, { stepText: (id) => rows.find((r) => r.stepId === id)?.text });

describe("checklistFromRunbook", () => {
  it("copies every step in order with section and parent", () => {
    expect(rows).toHaveLength(48);
    expect(rows.map((r) => r.position)).toEqual(rows.map((_, i) => i));
    expect(rows[0]).toEqual({ stepId: rb.sections[0]?.steps[0]?.id, sectionId: "quick-links", text: "Management Admin: ${ADMIN_BASE_URL}", depth: 0, position: 0 });
    expect(rows.find((r) => r.stepId === LIVE)?.parentId).toBe(idOf("Endpoints:"));
    expect(checklistProgress(steps)).toEqual({ total: 48, done: 2, skipped: 1, todo: 45 });
  });
});

describe("incidentToMarkdown", () => {
  const md = incidentToMarkdown(incident, rb, timeline, { tz: "UTC", steps, now: "2025-09-08T12:00:00Z" });
  const lines = md.split("\n");

  it("starts with a header a postmortem can use", () => {
    expect(lines[0]).toBe("# Incident report: Provisioning failures for acme \\| sagas stuck");
    for (const line of [
      "- **Severity:** SEV2",
      "- **Status:** Resolved",
      "- **Tenant:** acme",
      "- **Opened by:** alice",
      "- **Started:** 2025-09-08 09:00:00 UTC",
      "- **Resolved:** 2025-09-08 09:34:40 UTC",
      "- **Duration:** 34 min 40 s",
      `- **Runbook:** On-Call Runbook – DotMac Platform (version \`${rb.version}\`)`,
    ]) {
      expect(lines).toContain(line);
    }
  });

  it("lists the checklist by section with who and when, skip reasons and notes", () => {
    expect(lines).toContain("Progress: 2 of 48 done, 1 skipped, 45 not done.");
    expect(lines).toContain("### 1) Smoke Test (5–10 min)");
    expect(lines).toContain("### 10) Contact & Escalation");
    expect(lines).toContain("- [x] Run: `make smoke` — done by alice at 2025-09-08 09:05:00 UTC");
    expect(lines).toContain("  _Note:_ bgops answered 500 text/plain");
    expect(lines).toContain(
      "  - [ ] ~~Check time skew between services (\\<5 minutes).~~ — skipped by bob at 2025-09-08 09:20:00 UTC: no NTP access from the bastion",
    );
    expect(lines).toContain("  - [x] Liveness: `/health/live` — done by alice at 2025-09-08 09:05:00 UTC");
    expect(lines).toContain("- [ ] Secondary: App Team Lead");
    expect(md.indexOf("### 2) Health & Readiness")).toBeLessThan(md.indexOf("### 3) Authentication & Tokens"));
  });

  it("has a timeline table in time order and the evidence with its snapshot", () => {
    expect(lines).toContain("## Timeline (UTC)");
    expect(lines).toContain("| 2025-09-08 09:00:00 | alice | Incident opened | acme provisioning failing |");
    expect(lines).toContain("| 2025-09-08 09:20:00 | bob | Skipped “Check time skew between services (\\<5 minutes).” | no NTP access from the bastion |");
    expect(lines).toContain("| 2025-09-08 09:34:40 | alice | Incident resolved | Redis restarted |");
    expect(md.indexOf("Incident opened")).toBeLessThan(md.indexOf("Evidence — Smoke test"));
    expect(lines).toContain("### E1. Smoke test: fail");
    expect(lines).toContain("- **Summary:** 5 OK, 1 FAIL: bgops 500");
    expect(md).toContain('"status": 500');
  });

  it("is well-formed Markdown: one timeline table with a row per event, task items, one title", () => {
    const tree = unified().use(remarkParse).use(remarkGfm).parse(md) as Root;
    const tables = tree.children.filter((n) => n.type === "table");
    expect(tables).toHaveLength(1);
    expect(tables[0]?.type === "table" && tables[0].children.length).toBe(timeline.length + 1);
    expect(tree.children.filter((n) => n.type === "heading" && n.depth === 1)).toHaveLength(1);
    const checked = md.match(/^\s*- \[x\] /gm) ?? [];
    expect(checked).toHaveLength(2);
  });

  it("uses the requested time zone everywhere", () => {
    const berlin = incidentToMarkdown(incident, rb, timeline, { tz: "Europe/Berlin", steps, now: "2025-09-08T12:00:00Z" });
    expect(berlin).toContain("- **Started:** 2025-09-08 11:00:00 Europe/Berlin");
    expect(berlin).toContain("## Timeline (Europe/Berlin)");
    expect(berlin).toContain("| 2025-09-08 11:00:00 | alice | Incident opened |");
  });

  it("replays step states from the timeline when no step rows are given, and shows an open incident's running time", () => {
    const open: Incident = { ...incident, status: "open", resolvedAt: null, tenant: null };
    const out = incidentToMarkdown(open, rb, timeline, { now: "2025-09-08T11:05:00Z" }).split("\n");
    expect(out).toContain("- **Status:** Open");
    expect(out).toContain("- **Resolved:** not yet resolved");
    expect(out).toContain("- **Duration:** 2 h 05 min so far (still open)");
    expect(out).toContain("- **Tenant:** not specified (platform-wide)");
    expect(out).toContain("- [x] Run: `make smoke` — done by alice at 2025-09-08 09:05:00 UTC");
    expect(out).toContain("Progress: 1 of 48 done, 1 skipped, 46 not done.");
  });

  it("keeps user text from breaking the document and says when nothing was recorded", () => {
    const hostile: Incident = { ...incident, title: "# <script>alert(1)</script>\nsecond line" };
    const out = incidentToMarkdown(hostile, rb, [], { steps: [], now: "2025-09-08T12:00:00Z" }).split("\n");
    // Every ASCII punctuation mark escaped (the title may be alert text: see markdown-alerts.ts).
    expect(out[0]).toBe("# Incident report: \\# \\<script\\>alert\\(1\\)\\<\\/script\\> second line");
    expect(out).toContain("No events recorded.");
    expect(out).toContain("No evidence attached.");
    expect(out).toContain("Progress: 0 of 0 done, 0 skipped, 0 not done.");
  });
});

describe("incidentToMarkdown keeps every change", () => {
  it("lists a tick and its untick 14 s later as two rows with their own time and person", () => {
    const quick: IncidentEvent[] = [
      { seq: 1, at: "2026-12-05T22:50:00Z", actor: "alice", kind: "opened" },
      { seq: 2, at: "2026-12-05T22:52:15Z", actor: "bob", kind: "step", stepId: SMOKE, payload: { state: "done" } },
      { seq: 3, at: "2026-12-05T22:52:29Z", actor: "bob", kind: "step", stepId: SMOKE, payload: { state: "todo" } },
    ];
    // The default options, as the incident page builds its timeline.
    const t = buildTimeline(quick, { stepText: (id) => rows.find((r) => r.stepId === id)?.text });
    const md = incidentToMarkdown({ ...incident, status: "open", resolvedAt: null }, rb, t, { tz: "UTC", now: "2026-12-05T23:00:00Z" });
    const table = md.split("\n").filter((l) => l.includes("Run: make smoke") && l.startsWith("|"));
    expect(table).toEqual([
      "| 2026-12-05 22:52:15 | bob | Ticked “Run: make smoke” |   |",
      "| 2026-12-05 22:52:29 | bob | Reopened “Run: make smoke” |   |",
    ]);
  });
});

