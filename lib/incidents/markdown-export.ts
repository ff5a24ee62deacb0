import type { Runbook, Section, Step } from "@/lib/runbook/types";
import type { Incident, IncidentAlert, IncidentNotification, IncidentStep, StepState, Timestamp, TimelineEntry } from "./types";
import { checklistFromRunbook, checklistProgress } from "./checklist";
import { ALERT_TEXT_LIMITS, alertsSection, notificationsSection, untrustedText } from "./markdown-alerts";
import { codeSpan, escapeMarkdown, formatDuration, formatTime, inlineToMarkdown, tableCell, toEpochMs } from "./format";

export interface ExportOptions {
  /** IANA zone for every time in the export; default "UTC". */
  tz?: string;
  /** "Now" for an open incident's running duration and the export stamp; default the current time. */
  now?: Timestamp;
  /** The incident's step rows; without them the states are replayed from the timeline. */
  steps?: readonly IncidentStep[];
  /** Evidence data longer than this (as JSON) is cut in the export. Default 4,000 characters. */
  maxEvidenceChars?: number;
  /** The Alertmanager alerts that opened or joined the incident; without them the export has no alerts section. */
  alerts?: readonly IncidentAlert[];
  /** The alerts were read up to a limit and reached it: older ones may be missing from the list. */
  alertsLimit?: number;
  /** Messages to the team about the incident; listed with the alerts. */
  notifications?: readonly IncidentNotification[];
  /** Actors whose timeline text quotes outside input (the alert receiver's notes): escaped strictly and cut. */
  machineActors?: readonly string[];
}

type Row = Pick<IncidentStep, "stepId" | "sectionId" | "text" | "state" | "reason" | "note" | "actor" | "updatedBy" | "updatedAt"> & {
  position?: number;
  depth?: number;
};

/** A postmortem-ready Markdown document: header, checklist by section, timeline table, evidence. */
export function incidentToMarkdown(
  incident: Incident & { steps?: readonly IncidentStep[] },
  runbook: Runbook | null,
  timeline: readonly TimelineEntry[],
  options: ExportOptions = {},
): string {
  const tz = options.tz ?? "UTC";
  const now = options.now ?? Date.now();
  const rows = orderRows(options.steps ?? incident.steps ?? replaySteps(runbook, timeline), runbook);
  return [
    ...header(incident, runbook, tz, now),
    ...checklist(rows, runbook, tz),
    ...(options.alerts ? alertsSection(options.alerts, tz, options.alertsLimit) : []),
    ...(options.alerts?.length || options.notifications?.length ? notificationsSection(options.notifications ?? [], tz) : []),
    ...timelineTable(timeline, tz, new Set(options.machineActors ?? [])),
    ...evidence(timeline, tz, options.maxEvidenceChars ?? 4000),
  ].join("\n");
}

function header(incident: Incident, runbook: Runbook | null, tz: string, now: Timestamp): string[] {
  const started = toEpochMs(incident.startedAt);
  const resolved = incident.status === "resolved" ? toEpochMs(incident.resolvedAt) : NaN;
  const duration =
    incident.status === "resolved"
      ? formatDuration(resolved - started)
      : `${formatDuration(toEpochMs(now) - started)} so far (still open)`;
  const lines = [
    // The title and tenant of an incident the alert receiver opened are alert text: defanged like the rest of it.
    `# Incident report: ${untrustedText(incident.title, 300)}`,
    "",
    `- **Incident:** ${codeSpan(incident.id)}`,
    `- **Severity:** ${incident.severity.toUpperCase()}`,
    `- **Status:** ${incident.status === "resolved" ? "Resolved" : "Open"}`,
    `- **Tenant:** ${incident.tenant ? untrustedText(incident.tenant, 200) : "not specified (platform-wide)"}`,
    `- **Opened by:** ${escapeMarkdown(incident.openedBy)}`,
    `- **Started:** ${formatTime(incident.startedAt, tz)}`,
    `- **Resolved:** ${incident.status === "resolved" ? formatTime(incident.resolvedAt, tz) : "not yet resolved"}`,
    `- **Duration:** ${duration}`,
  ];
  if (runbook) {
    const copied = incident.runbookVersion && incident.runbookVersion !== runbook.version;
    lines.push(
      `- **Runbook:** ${escapeMarkdown(runbook.title)} (version ${codeSpan(runbook.version)}` +
        (copied ? `; the incident's checklist was copied from version ${codeSpan(incident.runbookVersion ?? "")})` : ")"),
    );
  }
  if (incident.resolvedBy) lines.push(`- **Resolved by:** ${escapeMarkdown(incident.resolvedBy)}`);
  lines.push(`- **Exported:** ${formatTime(now, tz)}`, "");
  if (incident.summary?.trim()) lines.push("## Summary", "", escapeMarkdown(incident.summary.trim()), "");
  return lines;
}

function checklist(rows: readonly Row[], runbook: Runbook | null, tz: string): string[] {
  const p = checklistProgress(rows);
  const lines = ["## Checklist", "", `Progress: ${p.done} of ${p.total} done, ${p.skipped} skipped, ${p.todo} not done.`, ""];
  const steps = new Map<string, Step>((runbook?.sections ?? []).flatMap((s) => s.steps.map((st) => [st.id, st] as const)));
  const sections = new Map<string, Section>((runbook?.sections ?? []).map((s) => [s.id, s]));
  let currentSection: string | undefined;
  for (const row of rows) {
    if (row.sectionId !== currentSection) {
      if (currentSection !== undefined) lines.push("");
      currentSection = row.sectionId;
      lines.push(`### ${sectionHeading(sections.get(row.sectionId), row.sectionId)}`, "");
    }
    const step = steps.get(row.stepId);
    const indent = "  ".repeat(step?.depth ?? row.depth ?? 0);
    const text = step ? inlineToMarkdown(step.inline) : escapeMarkdown(row.text);
    lines.push(indent + stepLine(row, text, tz));
    if (row.note) lines.push(`${indent}  _Note:_ ${escapeMarkdown(row.note)}`);
  }
  lines.push("");
  return lines;
}

function stepLine(row: Row, text: string, tz: string): string {
  const actor = row.actor ?? row.updatedBy;
  const who = `by ${actor ? escapeMarkdown(actor) : "someone"}`;
  const when = row.updatedAt === null || row.updatedAt === undefined ? "" : ` at ${formatTime(row.updatedAt, tz)}`;
  if (row.state === "done") return `- [x] ${text} — done ${who}${when}`;
  if (row.state === "skipped") {
    const reason = row.reason ? escapeMarkdown(row.reason) : "no reason given";
    return `- [ ] ~~${text}~~ — skipped ${who}${when}: ${reason}`;
  }
  return `- [ ] ${text}`;
}

function sectionHeading(section: Section | undefined, sectionId: string): string {
  if (!section) return escapeMarkdown(sectionId);
  return escapeMarkdown(section.number ? `${section.number}) ${section.title}` : section.title);
}

function timelineTable(timeline: readonly TimelineEntry[], tz: string, machineActors: ReadonlySet<string>): string[] {
  const lines = [`## Timeline (${tz})`, ""];
  if (timeline.length === 0) return [...lines, "No events recorded.", ""];
  lines.push("| Time | Who | What | Details |", "| --- | --- | --- | --- |");
  for (const e of timeline) {
    const time = e.at ? formatTime(e.at, tz, false) : "unknown time";
    if (machineActors.has(e.actor)) {
      const text = (s: string) => untrustedText(s, ALERT_TEXT_LIMITS.note) || " ";
      lines.push(`| ${time} | ${text(e.actor)} | ${text(e.summary)} | ${text(e.detail ?? "")} |`);
      continue;
    }
    const what = escapeMarkdown(e.summary);
    lines.push(`| ${time} | ${tableCell(escapeMarkdown(e.actor))} | ${tableCell(what)} | ${tableCell(escapeMarkdown(e.detail ?? ""))} |`);
  }
  lines.push("");
  return lines;
}

function evidence(timeline: readonly TimelineEntry[], tz: string, maxChars: number): string[] {
  const items = timeline.filter((e) => e.kind === "evidence");
  const lines = ["## Evidence", ""];
  if (items.length === 0) return [...lines, "No evidence attached.", ""];
  items.forEach((e, i) => {
    const ev = e.evidence ?? {};
    const title = `${ev.label ?? ev.check ?? "Check result"}${ev.verdict ? `: ${ev.verdict}` : ""}`;
    lines.push(`### E${i + 1}. ${escapeMarkdown(title)}`, "");
    lines.push(`- **Attached:** ${e.at ? formatTime(e.at, tz) : "unknown time"} by ${escapeMarkdown(e.actor)}`);
    if (ev.capturedAt !== undefined) lines.push(`- **Captured:** ${formatTime(ev.capturedAt, tz)}`);
    if (ev.check) lines.push(`- **Check:** ${escapeMarkdown(ev.check)}`);
    if (e.detail) lines.push(`- **Summary:** ${escapeMarkdown(e.detail)}`);
    if (ev.data !== undefined) lines.push("", ...fencedJson(ev.data, maxChars));
    lines.push("");
  });
  return lines;
}

function fencedJson(data: unknown, maxChars: number): string[] {
  let json = JSON.stringify(data, null, 2) ?? String(data);
  if (json.length > maxChars) json = `${json.slice(0, maxChars)}\n… (cut: ${json.length - maxChars} more characters in the console)`;
  const longest = Math.max(2, ...[...json.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return [`${fence}json`, json, fence];
}

/** Without step rows, the last step event per step decides its state (who and when come with it). */
function replaySteps(runbook: Runbook | null, timeline: readonly TimelineEntry[]): Row[] {
  const last = new Map<string, TimelineEntry>();
  for (const e of timeline) if (e.kind === "step" && e.stepId !== undefined && e.state) last.set(e.stepId, e);
  return (runbook ? checklistFromRunbook(runbook) : []).map((row) => {
    const e = last.get(row.stepId);
    const state: StepState = e?.state ?? "todo";
    return { ...row, state, reason: state === "skipped" ? e?.detail ?? null : null, actor: e?.actor ?? null, updatedAt: e?.at ?? null };
  });
}

function orderRows(rows: readonly Row[], runbook: Runbook | null): Row[] {
  const index = new Map((runbook ? checklistFromRunbook(runbook) : []).map((r) => [r.stepId, r.position]));
  const key = (r: Row, i: number) => r.position ?? index.get(r.stepId) ?? Number.MAX_SAFE_INTEGER - rows.length + i;
  return rows.map((r, i) => ({ r, k: key(r, i) })).sort((a, b) => a.k - b.k).map((x) => x.r);
}
