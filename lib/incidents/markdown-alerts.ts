import type { IncidentAlert, IncidentNotification } from "./types";
import { formatTime, toEpochMs } from "./format";

/** Bounds for text that comes from outside the console (anyone holding the webhook token writes it). */
export const ALERT_TEXT_LIMITS = { alertname: 120, severity: 40, summary: 300, value: 60, error: 300, note: 500 } as const;

// Line breaks, other control characters, zero-width and bidirectional-override marks (which can make a
// line read differently from what it says) become spaces.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * Outside text as one line of plain Markdown text: at most `max` characters (then "…"), and every ASCII
 * punctuation mark backslash-escaped (CommonMark allows escaping any of them), so no heading, list, link,
 * image, HTML tag, entity, emphasis or table-cell break can be formed from it. GFM turns bare URLs and
 * addresses into links whatever the escaping, so those are defanged the way security reports do
 * ("https[:]//host", "www[.]host", "name[@]host").
 */
export function untrustedText(text: string, max: number): string {
  const flat = text.replace(INVISIBLE, " ").replace(/\s+/g, " ").trim()
    .replace(/:\/\//g, "[:]//").replace(/(www)\./gi, "$1[.]").replace(/@/g, "[@]");
  const chars = [...flat];
  const cut = chars.length > max ? `${chars.slice(0, max).join("").trimEnd()}…` : flat;
  return cut.replace(/[!-/:-@[-`{-~]/g, "\\$&");
}

interface AlertRow {
  at: number;
  order: number;
  cells: string[];
}

/** Fired and resolved, one row each, in time order; the times are Prometheus's, not the delivery's. */
export function alertsSection(alerts: readonly IncidentAlert[], tz: string, limit?: number): string[] {
  const lines = [`## Alerts (${tz})`, ""];
  if (alerts.length === 0) return [...lines, "No Alertmanager alert opened or joined this incident.", ""];
  const firing = alerts.filter((a) => a.status === "firing").length;
  lines.push(
    `${alerts.length} alert${alerts.length === 1 ? "" : "s"} from Alertmanager opened or joined this incident; ` +
      `${firing === 0 ? "none" : firing} still firing. Times are when Prometheus saw each alert start and end.` +
      (limit !== undefined && alerts.length >= limit ? ` Only the ${limit.toLocaleString("en-US")} most recent alerts were read: older ones are not listed.` : ""),
    "",
    "| Time | Event | Alert | Severity | Summary | Runbook |",
    "| --- | --- | --- | --- | --- | --- |",
  );
  const rows: AlertRow[] = [];
  alerts.forEach((a, i) => {
    const L = ALERT_TEXT_LIMITS;
    const summary = [a.annotations.summary ? untrustedText(a.annotations.summary, L.summary) : "", a.value ? `value ${untrustedText(a.value, L.value)}` : ""]
      .filter(Boolean).join("; ");
    const common = [untrustedText(a.alertname, L.alertname), untrustedText(a.severity, L.severity), summary || " ", runbookCell(a.runbookSections)];
    rows.push({ at: toEpochMs(a.startsAt), order: i * 2, cells: ["Fired", ...common] });
    if (a.status === "resolved") rows.push({ at: toEpochMs(a.endsAt ?? a.resolvedAt), order: i * 2 + 1, cells: ["Resolved", ...common] });
  });
  const key = (r: AlertRow) => (Number.isFinite(r.at) ? r.at : Number.MAX_SAFE_INTEGER);
  rows.sort((x, y) => key(x) - key(y) || x.order - y.order);
  for (const r of rows) lines.push(`| ${Number.isFinite(r.at) ? formatTime(r.at, tz, false) : "unknown time"} | ${r.cells.join(" | ")} |`);
  lines.push("");
  return lines;
}

function runbookCell(sections: readonly string[]): string {
  if (sections.length === 0 || sections[0] === "general") return "no section matched: general";
  return sections.slice(0, 10).map((s) => `§${untrustedText(s, 20)}`).join(", then ");
}

/** Who was told, when, and which messages never arrived (a postmortem asks "when did the team know?"). */
export function notificationsSection(notifications: readonly IncidentNotification[], tz: string): string[] {
  const lines = ["## Team notifications", ""];
  if (notifications.length === 0) return [...lines, "No notification was sent about this incident (none configured, or none due).", ""];
  const failed = notifications.filter((n) => n.status === "failed").length;
  lines.push(
    `${notifications.length} message${notifications.length === 1 ? "" : "s"} to the team; ${failed === 0 ? "none" : failed} failed.`,
    "",
    "| Time | To | About | Outcome |",
    "| --- | --- | --- | --- |",
  );
  const sorted = [...notifications].sort((a, b) => toEpochMs(a.createdAt) - toEpochMs(b.createdAt));
  for (const n of sorted) {
    lines.push(`| ${formatTime(n.createdAt, tz, false)} | ${untrustedText(n.target, 40)} | ${untrustedText(n.event.replace(/_/g, " "), 60)} | ${outcome(n, tz)} |`);
  }
  lines.push("");
  return lines;
}

function outcome(n: IncidentNotification, tz: string): string {
  const tries = `${n.attempts} attempt${n.attempts === 1 ? "" : "s"}`;
  if (n.status === "sent") return `sent (${tries})`;
  const error = n.lastError ? `: ${untrustedText(n.lastError, ALERT_TEXT_LIMITS.error)}` : "";
  if (n.status === "failed") return `**FAILED** after ${tries}, last at ${formatTime(n.updatedAt, tz, false)}${error}`;
  return `still trying (${tries} so far)${error}`;
}
