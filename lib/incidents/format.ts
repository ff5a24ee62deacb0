import type { Inline } from "@/lib/runbook/types";
import type { Timestamp } from "./types";

/** Epoch milliseconds, or NaN when the value is not a readable time. */
export function toEpochMs(ts: Timestamp | null | undefined): number {
  if (ts === null || ts === undefined) return NaN;
  if (ts instanceof Date) return ts.getTime();
  if (typeof ts === "number") return ts;
  // SQLite's CURRENT_TIMESTAMP gives "YYYY-MM-DD HH:MM:SS" in UTC without a zone; Date would read it as local.
  const sqlite = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/.exec(ts.trim());
  return Date.parse(sqlite ? `${sqlite[1]}T${sqlite[2]}Z` : ts);
}

export function toIso(ts: Timestamp | null | undefined): string | null {
  const ms = toEpochMs(ts);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** "2025-09-08 09:26:20 UTC" (or the given IANA zone); "unknown time" when unreadable. */
export function formatTime(ts: Timestamp | null | undefined, tz = "UTC", withZone = true): string {
  const ms = toEpochMs(ts);
  if (!Number.isFinite(ms)) return "unknown time";
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "??";
  const text = `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}:${get("second")}`;
  return withZone ? `${text} ${tz}` : text;
}

/** "2 h 05 min", "34 min 40 s", "12 s"; "unknown" for a negative or unreadable span. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "unknown";
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (d > 0) return `${d} d ${h} h ${pad(m)} min`;
  if (h > 0) return `${h} h ${pad(m)} min`;
  if (m > 0) return `${m} min ${pad(sec)} s`;
  return `${sec} s`;
}

/** Text that must stay text in Markdown (user-entered titles, notes, reasons). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, "\\$&").replace(/\r?\n/g, " ");
}

export function codeSpan(value: string): string {
  const longest = Math.max(0, ...[...value.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = value.startsWith("`") || value.endsWith("`") ? " " : "";
  return `${fence}${pad}${value}${pad}${fence}`;
}

export function inlineToMarkdown(items: readonly Inline[]): string {
  return items
    .map((item) => {
      switch (item.type) {
        case "text":
          return escapeMarkdown(item.value);
        case "code":
          return codeSpan(item.value);
        case "break":
          return " ";
        case "strong":
          return `**${inlineToMarkdown(item.children)}**`;
        case "emphasis":
          return `_${inlineToMarkdown(item.children)}_`;
        case "link":
          return `[${inlineToMarkdown(item.children)}](<${item.url.replace(/[<>\s]/g, encodeURIComponent)}>)`;
      }
    })
    .join("");
}

/** A table cell: one line, pipes escaped. */
export function tableCell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|").trim() || " ";
}
