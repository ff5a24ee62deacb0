import "server-only";
import { ALERT_RECEIVER_ACTOR } from "@/lib/alerts/webhook";
import { CAPABILITIES } from "@/lib/auth/roles";
import { authorize } from "@/lib/server/access";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import { checklistFromRunbook } from "@/lib/incidents/checklist";
import { incidentToMarkdown } from "@/lib/incidents/markdown-export";
import { buildTimeline } from "@/lib/incidents/timeline";
import { loadRunbook } from "@/lib/runbook/load";
import { getStore } from "@/lib/server/store";
import { StoreInvalidInputError, StoreNotFoundError, StoreStateError, type CreateIncidentInput, type IncidentStep, type Store } from "@/lib/store";

export const zIncidentParams = z.object({ id: z.string().min(1).max(200) });

export const zOpenIncident = z.object({
  title: z.string().trim().min(1, "is required").max(200),
  severity: z.enum(["sev1", "sev2", "sev3", "sev4"]),
  tenant: z.string().trim().max(100).regex(/^[A-Za-z0-9._-]*$/, "letters, digits, . _ - only").nullish(),
  startedAt: z.iso.datetime({ offset: true }).optional(),
});

export const zStepChange = z.object({
  stepId: z.string().min(1).max(200),
  expectedVersion: z.number().int().min(1),
  state: z.enum(["todo", "done", "skipped"]),
  reason: z.string().trim().max(2000).nullish(),
  note: z.string().max(20_000).nullish(),
}).refine((c) => c.state !== "skipped" || !!c.reason, { message: "a skipped step needs a reason", path: ["reason"] });

// A key the browser makes once per note or evidence and resends on retry: a lost answer must not duplicate it.
const zClientKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "must be 8 to 64 letters, digits, - or _").nullish();

export const zNote = z.object({ text: z.string().trim().min(1, "is required").max(20_000), stepId: z.string().min(1).max(200).nullish(), clientKey: zClientKey });

export const zEvidence = z.object({
  kind: z.enum(["smoke", "health", "bgops", "auth-check", "check"]),
  title: z.string().trim().min(1).max(500),
  stepId: z.string().min(1).max(200).nullish(),
  payload: z.record(z.string(), z.unknown()),
  clientKey: zClientKey,
});

export const zResolve = z.object({ summary: z.string().trim().max(20_000).nullish() });
export const zReopen = z.object({ reason: z.string().trim().max(2000).nullish() });

/** The store's own refusals as the API's closed codes; unavailability is mapped by route() to 503. */
async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await getStore();
  try {
    return await fn(store);
  } catch (err) {
    if (err instanceof StoreNotFoundError) throw new ApiError("not_found", notFoundMessage(err.message));
    if (err instanceof StoreStateError) throw new ApiError("conflict", `${capitalise(err.message)}; nothing was changed.`);
    if (err instanceof StoreInvalidInputError) throw new ApiError("validation_failed", err.message, err.issues);
    throw err;
  }
}

function notFoundMessage(message: string): string {
  return /^step /.test(message) ? `No such step in this incident (${message}).` : "No incident with that id.";
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export async function listIncidents(status?: "open" | "resolved") {
  await authorize("viewer");
  return withStore((s) => s.incidents.list(status ? { status, limit: 200 } : { limit: 200 }));
}

export async function openIncident(actor: string, input: z.output<typeof zOpenIncident>) {
  const incident = await newIncidentInput(actor, input);
  return withStore((s) => s.incidents.create(incident));
}

/** What the store needs to open an incident: the checklist is copied from the runbook as it is now. */
export async function newIncidentInput(actor: string, input: z.output<typeof zOpenIncident>): Promise<CreateIncidentInput> {
  const { runbook } = await loadRunbook(getEnv().console.runbookPath);
  return {
    title: input.title,
    severity: input.severity,
    tenant: input.tenant === undefined ? getEnv().platform.tenantSlug : input.tenant || null,
    startedAt: input.startedAt ?? new Date().toISOString(),
    openedBy: actor,
    runbookVersion: runbook.version,
    steps: checklistFromRunbook(runbook).map((r) => ({ stepId: r.stepId, sectionId: r.sectionId, text: r.text })),
  };
}

/** The incident, its steps and every event: what the incident page starts from before polling changes. */
export async function getIncidentDetail(id: string) {
  await authorize("viewer");
  return withStore(async (s) => {
    const incident = await s.incidents.get(id);
    if (!incident) throw new ApiError("not_found", "No incident with that id.");
    return { incident, events: await s.incidents.timeline(id) };
  });
}

export async function incidentChanges(id: string, since: number) {
  await authorize("viewer");
  if (!z.uuid().safeParse(id).success) throw new ApiError("not_found", "No incident with that id.");
  return withStore((s) => s.incidents.changesSince(id, since));
}

/** Compare-and-set: a stale version never overwrites; the caller gets the step as the other person left it. */
export async function changeStep(incidentId: string, actor: string, change: z.output<typeof zStepChange>) {
  await requireIncident(incidentId);
  const result = await withStore((s) =>
    s.incidents.updateStep({
      incidentId,
      stepId: change.stepId,
      expectedVersion: change.expectedVersion,
      change: { state: change.state, reason: change.reason ?? null, ...(change.note !== undefined ? { note: change.note } : {}) },
      actor,
    }),
  );
  if (!result.ok) throw new ApiError("conflict", conflictText(result.conflict), { step: result.conflict });
  return result;
}

export function conflictText(step: IncidentStep): string {
  const verb = step.state === "done" ? "ticked" : step.state === "skipped" ? "skipped" : "reopened";
  const who = step.updatedBy ?? "someone";
  return `${who} ${verb} this step after you loaded it — your change was not applied. Reload the step and decide again.`;
}

async function requireIncident(id: string) {
  if (!z.uuid().safeParse(id).success) throw new ApiError("not_found", "No incident with that id.");
}

export async function addIncidentNote(incidentId: string, actor: string, note: z.output<typeof zNote>) {
  await requireIncident(incidentId);
  return withStore(async (s) => {
    await refuseResolved(s, incidentId);
    return s.incidents.addNote({ incidentId, actor, text: note.text, stepId: note.stepId ?? null, clientKey: note.clientKey ?? null });
  });
}

export async function attachIncidentEvidence(incidentId: string, actor: string, ev: z.output<typeof zEvidence>) {
  await requireIncident(incidentId);
  return withStore(async (s) => {
    await refuseResolved(s, incidentId);
    const payload = { ...ev.payload, capturedAt: new Date().toISOString(), capturedBy: actor };
    return s.incidents.attachEvidence({ incidentId, actor, kind: ev.kind, title: ev.title, stepId: ev.stepId ?? null, payload, clientKey: ev.clientKey ?? null });
  });
}

async function refuseResolved(s: Store, id: string) {
  const incident = await s.incidents.get(id);
  if (!incident) throw new ApiError("not_found", "No incident with that id.");
  if (incident.status === "resolved") throw new ApiError("conflict", "This incident is resolved; nothing was changed.");
}

export async function resolveIncident(incidentId: string, actor: string, summary: string | null | undefined) {
  await requireIncident(incidentId);
  return withStore((s) => s.incidents.resolve({ incidentId, actor, summary: summary || null }));
}

export async function reopenIncident(incidentId: string, actor: string, reason: string | null | undefined) {
  await requireIncident(incidentId);
  return withStore((s) => s.incidents.reopen({ incidentId, actor, reason: reason || null }));
}

/** The title is returned for the audit record, which is all that remains of a deleted incident. */
export async function deleteIncident(incidentId: string): Promise<{ title: string }> {
  await requireIncident(incidentId);
  return withStore(async (s) => {
    const incident = await s.incidents.get(incidentId);
    if (!incident || !(await s.incidents.delete(incidentId))) throw new ApiError("not_found", "No incident with that id.");
    return { title: incident.title };
  });
}

/** The store's largest page of alerts; an incident with more says so in its export. */
const EXPORT_ALERTS_LIMIT = 1000;

export async function exportIncidentMarkdown(incidentId: string): Promise<{ markdown: string; title: string }> {
  await authorize(CAPABILITIES.export);
  const { incident, events } = await getIncidentDetail(incidentId);
  const { runbook } = await loadRunbook(getEnv().console.runbookPath);
  const stepText = new Map(incident.steps.map((st) => [st.stepId, st.text]));
  const timeline = buildTimeline(events, { stepText: (id) => stepText.get(id), foldWithinMs: 0 });
  const { alerts, notifications } = await withStore(async (s) => {
    const [a, n] = await Promise.all([s.alerts.list({ incidentId, limit: EXPORT_ALERTS_LIMIT }), s.notifications.forIncident(incidentId)]);
    return { alerts: a, notifications: n };
  });
  const options = { steps: incident.steps, alerts, alertsLimit: EXPORT_ALERTS_LIMIT, notifications, machineActors: [ALERT_RECEIVER_ACTOR] };
  return { markdown: incidentToMarkdown(incident, runbook, timeline, options), title: incident.title };
}
