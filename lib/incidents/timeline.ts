import type { EvidencePayload, IncidentEvent, StepEventPayload, StepState, TimelineEntry } from "./types";
import { toEpochMs, toIso } from "./format";

export interface TimelineOptions {
  /** Step text by id, for events that carry only the id. */
  stepText?: (stepId: string) => string | undefined;
  /**
   * Consecutive changes of one step by one person within this window are marked as one group (`foldedInto`)
   * so the UI can show them together; every change stays its own entry with its own time. 0 groups nothing.
   * Default 60 s.
   */
  foldWithinMs?: number;
}

/**
 * Events from any number of sources (pages, polls, replicas) into one time-ordered list: duplicates by seq
 * are dropped, order is by time then seq, events with an unreadable time go last in seq order.
 */
export function buildTimeline(events: readonly IncidentEvent[], options: TimelineOptions = {}): TimelineEntry[] {
  const bySeq = new Map<number, IncidentEvent>();
  for (const e of events) bySeq.set(e.seq, e);
  const sorted = [...bySeq.values()]
    .map((e) => ({ e, ms: toEpochMs(e.at) }))
    .sort((a, b) => order(a.ms) - order(b.ms) || a.e.seq - b.e.seq);

  const fold = options.foldWithinMs ?? 60_000;
  const out: { entry: TimelineEntry; ms: number }[] = [];
  for (const { e, ms } of sorted) {
    const entry = toEntry(e, options.stepText);
    const prev = out[out.length - 1];
    if (
      fold > 0 &&
      prev !== undefined &&
      e.kind === "step" &&
      prev.entry.kind === "step" &&
      prev.entry.stepId === entry.stepId &&
      prev.entry.actor === entry.actor &&
      ms - prev.ms <= fold
    ) {
      // Grouping may fold the display, never rewrite what happened: the entry keeps its own time and summary.
      entry.foldedInto = prev.entry.foldedInto ?? prev.entry.seq;
    }
    out.push({ entry, ms });
  }
  return out.map((x) => x.entry);
}

function order(ms: number): number {
  return Number.isFinite(ms) ? ms : Number.MAX_SAFE_INTEGER;
}

function toEntry(e: IncidentEvent, stepText: TimelineOptions["stepText"]): TimelineEntry {
  const stepId = e.stepId ?? undefined;
  const data = asRecord(e.payload ?? e.data);
  const text = str(e.text) ?? str(data.text) ?? str(data.summary);
  const base: TimelineEntry = { seq: e.seq, at: toIso(e.at), actor: e.actor, kind: e.kind, summary: "" };
  if (stepId !== undefined) base.stepId = stepId;
  const quoted = () => {
    const t = (stepId !== undefined ? stepText?.(stepId) : undefined) ?? (e.kind === "step" ? str(e.text) : undefined) ?? stepId;
    return t === undefined ? "" : ` “${t}”`;
  };
  switch (e.kind) {
    case "opened":
      return withDetail({ ...base, summary: "Incident opened" }, text ?? str(data.title));
    case "resolved":
      return withDetail({ ...base, summary: "Incident resolved" }, text);
    case "reopened":
      return withDetail({ ...base, summary: "Incident reopened" }, text ?? str(data.reason));
    case "note":
      return withDetail({ ...base, summary: stepId !== undefined ? `Note on${quoted()}` : "Note" }, text);
    case "step": {
      const p = stepPayload(data);
      const verb = p.state === "done" ? "Ticked" : p.state === "skipped" ? "Skipped" : p.state === "todo" ? "Reopened" : "Changed";
      const entry: TimelineEntry = { ...base, summary: `${verb}${quoted()}` };
      if (p.state) entry.state = p.state;
      return withDetail(entry, p.state === "skipped" ? p.reason ?? undefined : p.note ?? undefined);
    }
    case "evidence": {
      const ev = evidencePayload(data);
      const what = ev.label ?? ev.check ?? "check result";
      const verdict = ev.verdict ? `: ${ev.verdict}` : "";
      const on = stepId !== undefined ? ` on${quoted()}` : "";
      return withDetail({ ...base, summary: `Evidence — ${what}${verdict}${on}`, evidence: ev }, ev.summary ?? str(e.text));
    }
    default:
      return withDetail({ ...base, summary: `Event “${e.kind}”` }, text);
  }
}

function withDetail(entry: TimelineEntry, detail: string | undefined): TimelineEntry {
  return detail ? { ...entry, detail } : entry;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}

const STATES: readonly string[] = ["todo", "done", "skipped"];

/** Lenient: payloads come from the store as JSON written by any console version. */
export function stepPayload(payload: unknown): StepEventPayload {
  const p = asRecord(payload);
  const out: StepEventPayload = {};
  const state = p.state ?? p.to;
  if (typeof state === "string" && STATES.includes(state)) out.state = state as StepState;
  if (typeof p.from === "string" && STATES.includes(p.from)) out.from = p.from as StepState;
  if (str(p.reason)) out.reason = p.reason as string;
  if (str(p.note)) out.note = p.note as string;
  return out;
}

/**
 * Two writers' shapes: flat `{check, label, verdict, summary, data}`, and lib/store's
 * `{kind, title, payload}` where the snapshot (with its own verdict/summary, if any) is `payload`.
 */
export function evidencePayload(raw: unknown): EvidencePayload {
  const outer = asRecord(raw);
  const nested = outer.payload !== undefined && (outer.title !== undefined || outer.kind !== undefined);
  const inner = nested ? asRecord(outer.payload) : outer;
  const out: EvidencePayload = {};
  const check = str(outer.check) ?? str(outer.kind) ?? str(inner.check);
  const label = str(outer.label) ?? str(outer.title) ?? str(inner.label);
  const verdict = str(outer.verdict) ?? str(inner.verdict);
  const summary = str(outer.summary) ?? str(inner.summary);
  if (check) out.check = check;
  if (label) out.label = label;
  if (verdict) out.verdict = verdict;
  if (summary) out.summary = summary;
  const capturedAt = outer.capturedAt ?? inner.capturedAt;
  if (typeof capturedAt === "string" || typeof capturedAt === "number") out.capturedAt = capturedAt;
  const data = nested ? outer.payload : outer.data;
  if (data !== undefined) out.data = data;
  return out;
}

/** Payloads arrive as objects (PostgreSQL jsonb) or JSON text (SQLite); anything else reads as empty. */
function asRecord(v: unknown): Record<string, unknown> {
  let value = v;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return {};
    }
  }
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
