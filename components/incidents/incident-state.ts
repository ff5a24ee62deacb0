import type { IncidentChanges, IncidentStep, IncidentWithSteps, TimelineEvent } from "@/lib/store";

/** What the incident page holds: the incident with its checklist, and every event so far. */
export interface IncidentDetail {
  incident: IncidentWithSteps;
  events: TimelineEvent[];
}

/** Folds one poll's answer in: newer step rows replace older ones (by version), events are added once by seq. */
export function mergeChanges(detail: IncidentDetail, changes: IncidentChanges): IncidentDetail {
  const changed = new Map(changes.steps.map((s) => [s.stepId, s]));
  const steps = detail.incident.steps.map((s) => {
    const c = changed.get(s.stepId);
    return c && c.version >= s.version ? c : s;
  });
  const seen = new Set(detail.events.map((e) => e.seq));
  const events = [...detail.events, ...changes.events.filter((e) => !seen.has(e.seq))].sort((a, b) => a.seq - b.seq);
  const incident = changes.incident.seq >= detail.incident.seq ? { ...detail.incident, ...changes.incident, steps } : { ...detail.incident, steps };
  return { incident, events };
}

/** A step the server returned after my own change (or a conflict): only ever moves a step forward in version. */
export function withStep(detail: IncidentDetail, step: IncidentStep): IncidentDetail {
  const steps = detail.incident.steps.map((s) => (s.stepId === step.stepId && step.version >= s.version ? step : s));
  return { ...detail, incident: { ...detail.incident, steps } };
}

export function agoText(fromIso: string | null, now: number): string {
  if (!fromIso) return "a moment ago";
  const s = Math.max(0, Math.round((now - Date.parse(fromIso)) / 1000));
  if (!Number.isFinite(s)) return "a moment ago";
  if (s < 60) return `${s} s ago`;
  const m = Math.round(s / 60);
  return m < 60 ? `${m} min ago` : `${Math.round(m / 60)} h ago`;
}

/** "Alex ticked this 10 s ago — your change was not applied." */
export function conflictMessage(theirs: IncidentStep, now: number): string {
  const verb = theirs.state === "done" ? "ticked" : theirs.state === "skipped" ? "skipped" : "reopened";
  const reason = theirs.state === "skipped" && theirs.reason ? ` (“${theirs.reason}”)` : "";
  return `${theirs.updatedBy ?? "Someone"} ${verb} this ${agoText(theirs.updatedAt, now)}${reason} — your change was not applied.`;
}

/** "done by X at 10:02:03 UTC" under a step; null while nobody has touched it. */
export function stepByline(step: IncidentStep): string | null {
  if (!step.updatedBy || !step.updatedAt) return null;
  const at = new Date(step.updatedAt).toISOString().slice(11, 19);
  if (step.state === "done") return `ticked by ${step.updatedBy} at ${at} UTC`;
  if (step.state === "skipped") return `skipped by ${step.updatedBy} at ${at} UTC — ${step.reason ?? "no reason given"}`;
  return `reopened by ${step.updatedBy} at ${at} UTC`;
}
