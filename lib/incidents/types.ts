/**
 * Incident shapes the pure functions here work on. Kept structural and lenient so lib/store's records
 * (Incident, IncidentWithSteps, IncidentStep, TimelineEvent) can be passed as they are; a test proves it.
 */
export type Timestamp = string | Date | number;

export const SEVERITIES = ["sev1", "sev2", "sev3", "sev4"] as const;
export type Severity = (typeof SEVERITIES)[number];

export type IncidentStatus = "open" | "resolved";

export interface Incident {
  id: string;
  title: string;
  severity: Severity;
  /** Affected tenant; absent or null when the whole platform is affected. */
  tenant?: string | null;
  status: IncidentStatus;
  startedAt: Timestamp;
  resolvedAt?: Timestamp | null;
  openedBy: string;
  /** Runbook.version the checklist was copied from. */
  runbookVersion?: string | null;
  resolvedBy?: string | null;
  /** What happened, written when resolving: the postmortem's opening paragraph. */
  summary?: string | null;
}

/** One row of an incident's own copy of the runbook checklist. */
export interface ChecklistRow {
  stepId: string;
  sectionId: string;
  text: string;
  parentId?: string;
  depth: number;
  /** Document order within the runbook, from 0. */
  position: number;
}

export type StepState = "todo" | "done" | "skipped";

export interface IncidentStep {
  incidentId?: string;
  stepId: string;
  sectionId: string;
  text: string;
  state: StepState;
  /** Why it was skipped. */
  reason?: string | null;
  note?: string | null;
  /** Who last changed it (lib/store calls it updatedBy; either is read). */
  actor?: string | null;
  updatedBy?: string | null;
  /** Null while nobody has touched the step. */
  updatedAt?: Timestamp | null;
  /** Optimistic-concurrency counter kept by the store. */
  version?: number;
  position?: number;
  depth?: number;
}

export const EVENT_KINDS = ["opened", "step", "note", "evidence", "resolved", "reopened"] as const;
export type IncidentEventKind = (typeof EVENT_KINDS)[number];

export interface IncidentEvent {
  /** Store-assigned, increasing; breaks ties between events with the same time. */
  seq: number;
  at: Timestamp;
  actor: string;
  /** A string the console does not know (a newer writer) is kept and shown as such. */
  kind: IncidentEventKind | (string & {});
  stepId?: string | null;
  text?: string | null;
  payload?: unknown;
  /** lib/store's name for the payload: {to, reason, note} for steps, {text} for notes, {kind, title, payload}
   *  for evidence, {summary} on resolve, {title, severity, …} on open. Read the same as payload. */
  data?: unknown;
}

/** What a `step` event's payload is read as (all optional: read leniently). */
export interface StepEventPayload {
  state?: StepState;
  from?: StepState;
  reason?: string | null;
  note?: string | null;
}

/** What an `evidence` event's payload is read as: a saved snapshot of a live check, not a link. */
export interface EvidencePayload {
  /** Which check produced it: "smoke", "health", "bgops-request", … */
  check?: string;
  label?: string;
  verdict?: string;
  summary?: string;
  capturedAt?: Timestamp;
  data?: unknown;
}

export interface TimelineEntry {
  seq: number;
  /** ISO 8601 UTC, or null when the event's time could not be read. */
  at: string | null;
  actor: string;
  kind: string;
  stepId?: string;
  /** For `step` entries: the state the step was put in. */
  state?: StepState;
  /** One line a reader understands without the console ("Ticked “Run: make smoke”"). */
  summary: string;
  /** Free text that goes with it: the note, the skip reason, the evidence summary. */
  detail?: string;
  evidence?: EvidencePayload;
  /**
   * Seq of the first entry of a run of quick consecutive changes of the same step by the same person: the UI
   * may show the run as one group, but each change keeps its own entry, time and person.
   */
  foldedInto?: number;
}

/** An Alertmanager alert that opened or joined the incident (lib/store's AlertRecord, read structurally). */
export interface IncidentAlert {
  id?: number;
  alertname: string;
  severity: string;
  status: string;
  /** When Prometheus saw it start and end (Alertmanager's startsAt / endsAt). */
  startsAt: Timestamp;
  endsAt?: Timestamp | null;
  /** When the console learnt it resolved; stands in for endsAt when that is missing. */
  resolvedAt?: Timestamp | null;
  annotations: Readonly<Record<string, string>>;
  value?: string | null;
  /** Runbook section numbers, first to start with; ["general"] when none matched. */
  runbookSections: readonly string[];
}

/** One message to the team about the incident (lib/store's NotificationRecord). */
export interface IncidentNotification {
  event: string;
  target: string;
  status: string;
  attempts: number;
  lastError?: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}
