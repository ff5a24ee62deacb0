import type { Kysely, Selectable, Transaction } from "kysely";
import { StoreNotFoundError, StoreStateError } from "./errors";
import { iso, isoOrNull, parseJson } from "./input";
import type { Incident, IncidentStep, Severity, StepState, TimelineEvent } from "./incident-types";
import type { Database, IncidentEventsTable, IncidentStepsTable, IncidentsTable } from "./schema";

type Counts = Incident["counts"];
export const emptyCounts = (): Counts => ({ total: 0, done: 0, skipped: 0, todo: 0 });

export function toIncident(row: Selectable<IncidentsTable>, counts: Counts): Incident {
  return {
    id: row.id,
    title: row.title,
    severity: row.severity as Severity,
    tenant: row.tenant,
    status: row.status as Incident["status"],
    startedAt: iso(row.started_at),
    openedAt: iso(row.opened_at),
    openedBy: row.opened_by,
    runbookVersion: row.runbook_version,
    resolvedAt: isoOrNull(row.resolved_at),
    resolvedBy: row.resolved_by,
    summary: row.summary,
    seq: row.seq,
    counts,
  };
}

export function toStep(row: Selectable<IncidentStepsTable>): IncidentStep {
  return {
    stepId: row.step_id,
    sectionId: row.section_id,
    position: row.position,
    text: row.text,
    state: row.state as StepState,
    reason: row.reason,
    note: row.note,
    version: row.version,
    updatedBy: row.updated_by,
    updatedAt: isoOrNull(row.updated_at),
  };
}

export function toEvent(row: Selectable<IncidentEventsTable>): TimelineEvent {
  return {
    seq: row.seq,
    at: iso(row.at),
    actor: row.actor,
    stepId: row.step_id,
    kind: row.kind,
    data: parseJson(row.data) ?? {},
  } as TimelineEvent;
}

type Db = Kysely<Database> | Transaction<Database>;

export async function countSteps(db: Db, incidentIds: string[]): Promise<Map<string, Counts>> {
  const out = new Map<string, Counts>();
  if (incidentIds.length === 0) return out;
  const rows = await db
    .selectFrom("incident_steps")
    .select(["incident_id", "state", (eb) => eb.fn.countAll<number>().as("n")])
    .where("incident_id", "in", incidentIds)
    .groupBy(["incident_id", "state"])
    .execute();
  for (const row of rows) {
    const counts = out.get(row.incident_id) ?? emptyCounts();
    const n = Number(row.n);
    counts.total += n;
    if (row.state === "done" || row.state === "skipped" || row.state === "todo") counts[row.state] += n;
    out.set(row.incident_id, counts);
  }
  return out;
}

export async function loadIncident(db: Db, id: string): Promise<Incident | null> {
  const row = await db.selectFrom("incidents").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  return toIncident(row, (await countSteps(db, [id])).get(id) ?? emptyCounts());
}

/**
 * Takes the next revision of an incident. The UPDATE row-locks the incident until commit, so events of
 * one incident get gap-free, strictly increasing seqs even across replicas.
 */
export async function nextSeq(trx: Transaction<Database>, incidentId: string): Promise<{ seq: number; status: string }> {
  const row = await trx
    .updateTable("incidents")
    .set((eb) => ({ seq: eb("seq", "+", 1) }))
    .where("id", "=", incidentId)
    .returning(["seq", "status"])
    .executeTakeFirst();
  if (!row) throw new StoreNotFoundError(`incident ${incidentId} not found`);
  return { seq: Number(row.seq), status: row.status };
}

export async function insertEvent(
  trx: Transaction<Database>,
  e: { incidentId: string; seq: number; at: number; actor: string; kind: TimelineEvent["kind"]; stepId: string | null; data: unknown; clientKey?: string | null },
): Promise<TimelineEvent> {
  const row = await trx
    .insertInto("incident_events")
    .values({
      incident_id: e.incidentId,
      seq: e.seq,
      at: e.at,
      actor: e.actor,
      kind: e.kind,
      step_id: e.stepId,
      data: JSON.stringify(e.data),
      client_key: e.clientKey ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toEvent(row);
}

/**
 * The event an earlier post with this client key created, when there is one: the same actor and kind get it
 * back (a retry), anyone or anything else is a conflict (a key is never reused for something different).
 */
export async function findByClientKey(db: Db, incidentId: string, clientKey: string | null | undefined, actor: string, kind: TimelineEvent["kind"]): Promise<TimelineEvent | null> {
  if (!clientKey) return null;
  const row = await db.selectFrom("incident_events").selectAll().where("incident_id", "=", incidentId).where("client_key", "=", clientKey).executeTakeFirst();
  if (!row) return null;
  if (row.actor !== actor || row.kind !== kind) throw new StoreStateError(`client key ${clientKey} was already used for another ${row.kind}`);
  return toEvent(row);
}

export async function requireStep(db: Db, incidentId: string, stepId: string): Promise<Selectable<IncidentStepsTable>> {
  const row = await db
    .selectFrom("incident_steps")
    .selectAll()
    .where("incident_id", "=", incidentId)
    .where("step_id", "=", stepId)
    .executeTakeFirst();
  if (!row) throw new StoreNotFoundError(`step ${stepId} not found in incident ${incidentId}`);
  return row;
}
