import { randomUUID } from "node:crypto";
import { sql, type Transaction } from "kysely";
import { z } from "zod";
import type { Connection } from "./connect";
import type { Database } from "./schema";
import { StoreNotFoundError, StoreStateError, type Guard } from "./errors";
import { iso, parseInput } from "./input";
import {
  countSteps, emptyCounts, findByClientKey, insertEvent, loadIncident, nextSeq, requireStep, toEvent, toIncident, toStep,
} from "./incident-rows";
import {
  createSchema, evidenceSchema, listSchema, noteSchema, reopenSchema, resolveSchema, updateStepSchema, zIncidentId,
  type IncidentRepo,
} from "./incident-types";

const STEP_CHUNK = 200;
const sinceSchema = z.number().int().min(0);
const zGroupKey = z.string().min(1).max(5000);
type NewIncident = z.output<typeof createSchema>;

/**
 * The incident, its checklist and its `opened` event in one transaction. With a group key, an open incident
 * already holding that key (unique index incidents_open_alert_group) makes it insert nothing and return false;
 * PostgreSQL makes a concurrent insert of the same key wait for the first one's commit to decide.
 */
async function insertIncident(trx: Transaction<Database>, id: string, i: NewIncident, groupKey: string | null): Promise<boolean> {
  const now = Date.now();
  const insert = trx.insertInto("incidents").values({
    id, seq: 1, title: i.title, severity: i.severity, tenant: i.tenant, status: "open",
    started_at: i.startedAt, opened_at: now, opened_by: i.openedBy, runbook_version: i.runbookVersion,
    resolved_at: null, resolved_by: null, summary: null, alert_group_key: groupKey,
  });
  // Only the group's open incident may already exist; any other conflict stays an error.
  const row = await (groupKey === null ? insert : insert.onConflict((oc) => oc.doNothing())).returning("id").executeTakeFirst();
  if (!row) return false;
  for (let start = 0; start < i.steps.length; start += STEP_CHUNK) {
    const chunk = i.steps.slice(start, start + STEP_CHUNK).map((s, k) => ({
      incident_id: id, step_id: s.stepId, section_id: s.sectionId, position: start + k, text: s.text,
      state: "todo", reason: null, note: null, version: 1, changed_seq: 1, updated_by: null, updated_at: null,
    }));
    await trx.insertInto("incident_steps").values(chunk).execute();
  }
  await insertEvent(trx, {
    incidentId: id, seq: 1, at: now, actor: i.openedBy, kind: "opened", stepId: null,
    data: { title: i.title, severity: i.severity, tenant: i.tenant, startedAt: iso(i.startedAt) },
  });
  return true;
}

export function incidentRepo({ db }: Connection, guard: Guard): IncidentRepo {
  async function get(id: string) {
    if (!zIncidentId.safeParse(id).success) return null;
    return guard("incidents.get", async () => {
      const incident = await loadIncident(db, id);
      if (!incident) return null;
      const steps = await db.selectFrom("incident_steps").selectAll().where("incident_id", "=", id)
        .orderBy("position").execute();
      return { ...incident, steps: steps.map(toStep) };
    });
  }

  async function requireCreated(id: string) {
    const created = await get(id);
    if (!created) throw new StoreNotFoundError(`incident ${id} vanished after create`);
    return created;
  }

  function requireId(id: string): string {
    return parseInput("incident id", zIncidentId, id);
  }

  return {
    async create(input) {
      const i = parseInput("incident", createSchema, input);
      const id = randomUUID();
      await guard("incidents.create", () => db.transaction().execute((trx) => insertIncident(trx, id, i, null)));
      return requireCreated(id);
    },

    async openForAlertGroup(input) {
      const i = parseInput("incident", createSchema, input);
      const groupKey = parseInput("alert group key", zGroupKey, input.alertGroupKey);
      // The open incident of a group can be resolved between a lost insert and the look-up: then try again.
      for (let attempt = 0; attempt < 3; attempt++) {
        const id = randomUUID();
        const inserted = await guard("incidents.openForAlertGroup", () => db.transaction().execute((trx) => insertIncident(trx, id, i, groupKey)));
        if (inserted) return { incident: await requireCreated(id), created: true };
        const open = await guard("incidents.openForAlertGroup", () =>
          db.selectFrom("incidents").select("id").where("alert_group_key", "=", groupKey).where("status", "=", "open").executeTakeFirst());
        const existing = open ? await get(open.id) : null;
        if (existing) return { incident: existing, created: false };
      }
      throw new StoreStateError("the alert group's incident kept changing while opening it; deliver the alert again");
    },

    async list(query) {
      const q = parseInput("incident query", listSchema, query) ?? {};
      return guard("incidents.list", async () => {
        let sel = db.selectFrom("incidents").selectAll();
        if (q.status) sel = sel.where("status", "=", q.status);
        const rows = await sel
          .orderBy(sql`case when status = 'open' then 0 else 1 end`)
          .orderBy("started_at", "desc")
          .orderBy("opened_at", "desc")
          .limit(q.limit ?? 200)
          .execute();
        const counts = await countSteps(db, rows.map((r) => r.id));
        return rows.map((r) => toIncident(r, counts.get(r.id) ?? emptyCounts()));
      });
    },

    get,

    async updateStep(input) {
      const u = parseInput("step change", updateStepSchema, input);
      return guard("incidents.updateStep", () =>
        db.transaction().execute(async (trx) => {
          const current = await requireStep(trx, u.incidentId, u.stepId);
          const incident = await trx.selectFrom("incidents").select("status").where("id", "=", u.incidentId)
            .executeTakeFirst();
          if (incident?.status === "resolved") throw new StoreStateError(`incident ${u.incidentId} is resolved`);
          if (current.version !== u.expectedVersion) return { ok: false as const, conflict: toStep(current) };
          const now = Date.now();
          const note = u.change.note === undefined ? current.note : u.change.note;
          // Compare-and-set: the version check and the write are one statement, so of two writers holding the
          // same version exactly one matches; the other sees 0 rows and gets the winner's step back.
          const updated = await trx
            .updateTable("incident_steps")
            .set((eb) => ({
              state: u.change.state,
              reason: u.change.state === "skipped" ? (u.change.reason ?? null) : null,
              note,
              version: eb("version", "+", 1),
              updated_by: u.actor,
              updated_at: now,
            }))
            .where("incident_id", "=", u.incidentId)
            .where("step_id", "=", u.stepId)
            .where("version", "=", u.expectedVersion)
            .returningAll()
            .executeTakeFirst();
          if (!updated) {
            return { ok: false as const, conflict: toStep(await requireStep(trx, u.incidentId, u.stepId)) };
          }
          const { seq } = await nextSeq(trx, u.incidentId);
          await trx.updateTable("incident_steps").set({ changed_seq: seq })
            .where("incident_id", "=", u.incidentId).where("step_id", "=", u.stepId).execute();
          await insertEvent(trx, {
            incidentId: u.incidentId, seq, at: now, actor: u.actor, kind: "step", stepId: u.stepId,
            data: { from: current.state, to: updated.state, reason: updated.reason, note: updated.note, version: updated.version },
          });
          return { ok: true as const, step: toStep(updated), seq };
        }),
      );
    },

    async addNote(input) {
      const n = parseInput("note", noteSchema, input);
      return guard("incidents.addNote", () =>
        db.transaction().execute(async (trx) => {
          if (n.stepId) await requireStep(trx, n.incidentId, n.stepId);
          const earlier = await findByClientKey(trx, n.incidentId, n.clientKey, n.actor, "note");
          if (earlier) return earlier;
          const { seq } = await nextSeq(trx, n.incidentId);
          return insertEvent(trx, {
            incidentId: n.incidentId, seq, at: Date.now(), actor: n.actor, kind: "note", stepId: n.stepId ?? null,
            data: { text: n.text }, clientKey: n.clientKey,
          });
        }),
      );
    },

    async attachEvidence(input) {
      const e = parseInput("evidence", evidenceSchema, input);
      return guard("incidents.attachEvidence", () =>
        db.transaction().execute(async (trx) => {
          if (e.stepId) await requireStep(trx, e.incidentId, e.stepId);
          const earlier = await findByClientKey(trx, e.incidentId, e.clientKey, e.actor, "evidence");
          if (earlier) return earlier;
          const { seq } = await nextSeq(trx, e.incidentId);
          return insertEvent(trx, {
            incidentId: e.incidentId, seq, at: Date.now(), actor: e.actor, kind: "evidence", stepId: e.stepId ?? null,
            data: { kind: e.kind, title: e.title, payload: JSON.parse(e.payload) as unknown }, clientKey: e.clientKey,
          });
        }),
      );
    },

    async timeline(incidentId) {
      const id = requireId(incidentId);
      return guard("incidents.timeline", async () => {
        const rows = await db.selectFrom("incident_events").selectAll().where("incident_id", "=", id)
          .orderBy("seq").execute();
        if (rows.length === 0 && !(await loadIncident(db, id))) throw new StoreNotFoundError(`incident ${id} not found`);
        return rows.map(toEvent);
      });
    },

    async resolve(input) {
      const r = parseInput("resolution", resolveSchema, input);
      return guard("incidents.resolve", async () => {
        await db.transaction().execute(async (trx) => {
          const { seq, status } = await nextSeq(trx, r.incidentId);
          if (status === "resolved") throw new StoreStateError(`incident ${r.incidentId} is already resolved`);
          const now = Date.now();
          await trx.updateTable("incidents")
            .set({ status: "resolved", resolved_at: now, resolved_by: r.actor, summary: r.summary ?? null })
            .where("id", "=", r.incidentId).execute();
          await insertEvent(trx, {
            incidentId: r.incidentId, seq, at: now, actor: r.actor, kind: "resolved", stepId: null,
            data: { summary: r.summary ?? null },
          });
        });
        const incident = await loadIncident(db, r.incidentId);
        if (!incident) throw new StoreNotFoundError(`incident ${r.incidentId} not found`);
        return incident;
      });
    },

    async reopen(input) {
      const r = parseInput("reopening", reopenSchema, input);
      return guard("incidents.reopen", async () => {
        // If its alert group has opened another incident meanwhile, that one keeps the group's new alerts. The check
        // reads a snapshot: when another replica's incident for the group commits between it and the update, the
        // unique index refuses the update, and the reopen is tried once more, giving up the key.
        const attempt = (giveUpKey: boolean) =>
          db.transaction().execute(async (trx) => {
            const { seq, status } = await nextSeq(trx, r.incidentId);
            if (status !== "resolved") throw new StoreStateError(`incident ${r.incidentId} is not resolved`);
            // The summary is kept: it still says what was thought when it was resolved, and resolving again replaces it.
            const taken = sql<boolean>`exists (select 1 from incidents o where o.status = 'open' and o.alert_group_key = incidents.alert_group_key)`;
            await trx.updateTable("incidents")
              .set((eb) => ({
                status: "open", resolved_at: null, resolved_by: null,
                alert_group_key: giveUpKey ? null : eb.case().when(taken).then(null).else(eb.ref("alert_group_key")).end(),
              }))
              .where("id", "=", r.incidentId).execute();
            await insertEvent(trx, {
              incidentId: r.incidentId, seq, at: Date.now(), actor: r.actor, kind: "reopened", stepId: null,
              data: { reason: r.reason ?? null },
            });
          });
        try {
          await attempt(false);
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
          await attempt(true);
        }
        const incident = await loadIncident(db, r.incidentId);
        if (!incident) throw new StoreNotFoundError(`incident ${r.incidentId} not found`);
        return incident;
      });
    },

    async delete(incidentId) {
      const id = requireId(incidentId);
      return guard("incidents.delete", () =>
        db.transaction().execute(async (trx) => {
          // Children first: SQLite enforces the cascade only with foreign_keys on, which not every connection has.
          await trx.deleteFrom("incident_events").where("incident_id", "=", id).execute();
          await trx.deleteFrom("incident_steps").where("incident_id", "=", id).execute();
          const res = await trx.deleteFrom("incidents").where("id", "=", id).executeTakeFirst();
          return Number(res.numDeletedRows) > 0;
        }),
      );
    },

    async changesSince(incidentId, sinceSeq) {
      const id = requireId(incidentId);
      const since = parseInput("sinceSeq", sinceSchema, sinceSeq);
      return guard("incidents.changesSince", async () => {
        const incident = await loadIncident(db, id);
        if (!incident) throw new StoreNotFoundError(`incident ${id} not found`);
        if (incident.seq <= since) return { incident, events: [], steps: [] };
        const [events, steps] = await Promise.all([
          db.selectFrom("incident_events").selectAll().where("incident_id", "=", id).where("seq", ">", since)
            .orderBy("seq").execute(),
          db.selectFrom("incident_steps").selectAll().where("incident_id", "=", id).where("changed_seq", ">", since)
            .orderBy("position").execute(),
        ]);
        return { incident, events: events.map(toEvent), steps: steps.map(toStep) };
      });
    },
  };
}

/** A unique index refused a write (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE). */
function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE";
}
