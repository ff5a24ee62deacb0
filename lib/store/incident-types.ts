import { z } from "zod";
import { zJsonObject, zText, zTime, type TimeInput } from "./input";

export type Severity = "sev1" | "sev2" | "sev3" | "sev4";
export type IncidentStatus = "open" | "resolved";
export type StepState = "todo" | "done" | "skipped";

export interface IncidentStep {
  stepId: string;
  sectionId: string;
  position: number;
  text: string;
  state: StepState;
  reason: string | null;
  note: string | null;
  /** Starts at 1, +1 on every change: the compare-and-set token for updateStep. */
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface Incident {
  id: string;
  title: string;
  severity: Severity;
  tenant: string | null;
  status: IncidentStatus;
  startedAt: string;
  openedAt: string;
  openedBy: string;
  runbookVersion: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  summary: string | null;
  /** Revision of the whole incident: +1 on every change of any kind. */
  seq: number;
  counts: { total: number; done: number; skipped: number; todo: number };
}

export interface IncidentWithSteps extends Incident {
  steps: IncidentStep[];
}

interface EventBase {
  seq: number;
  at: string;
  actor: string;
  stepId: string | null;
}
export type TimelineEvent = EventBase &
  (
    | { kind: "opened"; data: { title: string; severity: Severity; tenant: string | null; startedAt: string } }
    | { kind: "step"; data: { from: StepState; to: StepState; reason: string | null; note: string | null; version: number } }
    | { kind: "note"; data: { text: string } }
    | { kind: "evidence"; data: { kind: string; title: string; payload: Record<string, unknown> } }
    | { kind: "resolved"; data: { summary: string | null } }
    | { kind: "reopened"; data: { reason: string | null } }
  );

export interface IncidentChanges {
  incident: Incident;
  /** Events with seq > sinceSeq, oldest first. */
  events: TimelineEvent[];
  /** Steps whose latest change has seq > sinceSeq. */
  steps: IncidentStep[];
}

export type UpdateStepResult = { ok: true; step: IncidentStep; seq: number } | { ok: false; conflict: IncidentStep };

export interface CreateIncidentInput {
  title: string;
  severity: Severity;
  tenant?: string | null;
  startedAt: TimeInput;
  openedBy: string;
  runbookVersion: string;
  steps: { stepId: string; sectionId: string; text: string }[];
}

export interface UpdateStepInput {
  incidentId: string;
  stepId: string;
  expectedVersion: number;
  change: { state: StepState; reason?: string | null; note?: string | null };
  actor: string;
}

export interface IncidentRepo {
  create(input: CreateIncidentInput): Promise<IncidentWithSteps>;
  /**
   * Opens the incident of an Alertmanager group, or returns the one already open for it (created: false):
   * atomic across replicas, so two alerts of one group arriving at once never open two incidents.
   */
  openForAlertGroup(input: CreateIncidentInput & { alertGroupKey: string }): Promise<{ incident: IncidentWithSteps; created: boolean }>;
  /** Open incidents first, then newest start first. */
  list(query?: { status?: IncidentStatus; limit?: number }): Promise<Incident[]>;
  get(id: string): Promise<IncidentWithSteps | null>;
  updateStep(input: UpdateStepInput): Promise<UpdateStepResult>;
  /** With a clientKey already used by the same actor for a note, returns that note instead of adding one. */
  addNote(input: { incidentId: string; stepId?: string | null; actor: string; text: string; clientKey?: string | null }): Promise<TimelineEvent>;
  attachEvidence(input: {
    incidentId: string;
    stepId?: string | null;
    actor: string;
    kind: string;
    title: string;
    payload: Record<string, unknown>;
    clientKey?: string | null;
  }): Promise<TimelineEvent>;
  /** Every event in the order it happened (by seq). */
  timeline(incidentId: string): Promise<TimelineEvent[]>;
  resolve(input: { incidentId: string; actor: string; summary?: string | null }): Promise<Incident>;
  /** Back to open: the resolution's time, person and summary stay in the timeline's `resolved` event. */
  reopen(input: { incidentId: string; actor: string; reason?: string | null }): Promise<Incident>;
  /** Removes the incident, its steps and events; false when there was none. The audit trail keeps the record. */
  delete(incidentId: string): Promise<boolean>;
  changesSince(incidentId: string, sinceSeq: number): Promise<IncidentChanges>;
}

const zId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/, "letters, digits, . _ : - only (max 200)");
export const zSeverity = z.enum(["sev1", "sev2", "sev3", "sev4"]);
export const zIncidentId = z.string().uuid();

export const createSchema = z.object({
  title: zText(200),
  severity: zSeverity,
  tenant: z.string().trim().max(100).nullish().transform((t) => t || null),
  startedAt: zTime,
  openedBy: zText(200),
  runbookVersion: zText(200),
  steps: z
    .array(z.object({ stepId: zId, sectionId: zId, text: z.string().max(20_000) }))
    .max(5000)
    .refine((steps) => new Set(steps.map((s) => s.stepId)).size === steps.length, "step ids must be unique"),
});

export const updateStepSchema = z.object({
  incidentId: zIncidentId,
  stepId: zId,
  expectedVersion: z.number().int().min(1),
  change: z
    .object({
      state: z.enum(["todo", "done", "skipped"]),
      reason: z.string().trim().max(2000).nullish(),
      note: z.string().max(20_000).nullish(),
    })
    .refine((c) => c.state !== "skipped" || !!c.reason, { message: "a skipped step needs a reason", path: ["reason"] }),
  actor: zText(200),
});

/** A browser-generated idempotency key (a UUID or similar): letters, digits, - and _. */
export const zClientKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "must be 8 to 64 letters, digits, - or _").nullish();

export const noteSchema = z.object({
  incidentId: zIncidentId,
  stepId: zId.nullish(),
  actor: zText(200),
  text: zText(20_000),
  clientKey: zClientKey,
});

export const evidenceSchema = z.object({
  incidentId: zIncidentId,
  stepId: zId.nullish(),
  actor: zText(200),
  kind: zText(100),
  title: zText(500),
  payload: zJsonObject(1_000_000),
  clientKey: zClientKey,
});

export const resolveSchema = z.object({
  incidentId: zIncidentId,
  actor: zText(200),
  summary: z.string().max(20_000).nullish(),
});

export const reopenSchema = z.object({
  incidentId: zIncidentId,
  actor: zText(200),
  reason: z.string().max(20_000).nullish(),
});

export const listSchema = z
  .object({ status: z.enum(["open", "resolved"]).optional(), limit: z.number().int().min(1).max(1000).optional() })
  .optional();
