import type { Selectable } from "kysely";
import { z } from "zod";
import type { Connection } from "./connect";
import type { Guard } from "./errors";
import { iso, isoOrNull, parseInput, parseJson } from "./input";
import type { AlertsTable } from "./schema";

export type AlertStatus = "firing" | "resolved";
/** What the receiver did with the alert: opened/joined an incident, or only listed it. */
export type AlertAction = "incident" | "listed";

export interface AlertRecord {
  id: number;
  fingerprint: string;
  startsAt: string;
  alertname: string;
  status: AlertStatus;
  severity: string;
  service: string | null;
  groupKey: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  value: string | null;
  /** Runbook section numbers, the one to start with first; ["general"] when nothing matched. */
  runbookSections: string[];
  sectionSource: string;
  generatorUrl: string | null;
  endsAt: string | null;
  receivedAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  incidentId: string | null;
  action: AlertAction;
}

const zLabels = z.record(z.string().max(200), z.string().max(10_000));
export const alertInputSchema = z.object({
  fingerprint: z.string().min(1).max(200),
  startsAt: z.number().int().min(0),
  alertname: z.string().min(1).max(500),
  status: z.enum(["firing", "resolved"]),
  severity: z.string().min(1).max(100),
  service: z.string().max(500).nullable(),
  groupKey: z.string().min(1).max(5000),
  labels: zLabels,
  annotations: zLabels,
  value: z.string().max(500).nullable(),
  runbookSections: z.array(z.string().min(1).max(20)).min(1).max(10),
  sectionSource: z.string().min(1).max(100),
  generatorUrl: z.string().max(5000).nullable(),
  endsAt: z.number().int().min(0).nullable(),
  action: z.enum(["incident", "listed"]),
});
export type AlertInput = z.input<typeof alertInputSchema>;

export interface AlertQuery {
  status?: AlertStatus;
  severity?: string;
  service?: string;
  incidentId?: string;
  limit?: number;
}

export interface RecordResult {
  alert: AlertRecord;
  /** This call inserted the record (the first delivery of this fingerprint + startsAt). */
  created: boolean;
  /** This call moved the record from firing to resolved (exactly one delivery does, across replicas). */
  resolvedNow: boolean;
}

export interface AlertRepo {
  /** Idempotent on (fingerprint, startsAt): inserts once, then only moves firing → resolved and refreshes annotations. */
  record(input: AlertInput): Promise<RecordResult>;
  /** Sets the incident only when the alert has none yet (or has `from`): true for the one caller that wins. */
  claimIncident(alertId: number, incidentId: string | null, from?: string | null): Promise<boolean>;
  /** The open incident opened for this Alertmanager group, or holding one of its alerts, if any. */
  openIncidentForGroup(groupKey: string): Promise<string | null>;
  list(query?: AlertQuery): Promise<AlertRecord[]>;
  countFiring(): Promise<number>;
}

const querySchema = z.object({
  status: z.enum(["firing", "resolved"]).optional(),
  severity: z.string().max(100).optional(),
  service: z.string().max(500).optional(),
  incidentId: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});

export function toAlert(row: Selectable<AlertsTable>): AlertRecord {
  return {
    id: Number(row.id),
    fingerprint: row.fingerprint,
    startsAt: iso(Number(row.starts_at)),
    alertname: row.alertname,
    status: row.status as AlertStatus,
    severity: row.severity,
    service: row.service,
    groupKey: row.group_key,
    labels: parseJson<Record<string, string>>(row.labels) ?? {},
    annotations: parseJson<Record<string, string>>(row.annotations) ?? {},
    value: row.value,
    runbookSections: parseJson<string[]>(row.runbook_sections) ?? ["general"],
    sectionSource: row.section_source,
    generatorUrl: row.generator_url,
    endsAt: isoOrNull(row.ends_at === null ? null : Number(row.ends_at)),
    receivedAt: iso(Number(row.received_at)),
    updatedAt: iso(Number(row.updated_at)),
    resolvedAt: isoOrNull(row.resolved_at === null ? null : Number(row.resolved_at)),
    incidentId: row.incident_id,
    action: row.action as AlertAction,
  };
}

export function alertRepo({ db }: Connection, guard: Guard): AlertRepo {
  const byKey = (fingerprint: string, startsAt: number) =>
    db.selectFrom("alerts").selectAll().where("fingerprint", "=", fingerprint).where("starts_at", "=", startsAt);

  return {
    async record(input) {
      const a = parseInput("alert", alertInputSchema, input);
      return guard("alerts.record", async () => {
        const now = Date.now();
        // ON CONFLICT DO NOTHING: of two replicas inserting the same alert, exactly one gets the row back.
        const inserted = await db
          .insertInto("alerts")
          .values({
            fingerprint: a.fingerprint, starts_at: a.startsAt, alertname: a.alertname, status: a.status,
            severity: a.severity, service: a.service, group_key: a.groupKey, labels: JSON.stringify(a.labels),
            annotations: JSON.stringify(a.annotations), value: a.value, runbook_sections: JSON.stringify(a.runbookSections),
            section_source: a.sectionSource, generator_url: a.generatorUrl, ends_at: a.endsAt, received_at: now,
            updated_at: now, resolved_at: a.status === "resolved" ? now : null, incident_id: null, action: a.action,
          })
          .onConflict((oc) => oc.columns(["fingerprint", "starts_at"]).doNothing())
          .returningAll()
          .executeTakeFirst();
        if (inserted) return { alert: toAlert(inserted), created: true, resolvedNow: false };
        if (a.status === "resolved") {
          const moved = await db
            .updateTable("alerts")
            .set({ status: "resolved", ends_at: a.endsAt, resolved_at: now, updated_at: now, annotations: JSON.stringify(a.annotations) })
            .where("fingerprint", "=", a.fingerprint).where("starts_at", "=", a.startsAt).where("status", "=", "firing")
            .returningAll()
            .executeTakeFirst();
          if (moved) return { alert: toAlert(moved), created: false, resolvedNow: true };
        } else {
          // A repeat notification: keep the record, refresh what Prometheus re-evaluated (the value).
          await db.updateTable("alerts").set({ updated_at: now, annotations: JSON.stringify(a.annotations), value: a.value })
            .where("fingerprint", "=", a.fingerprint).where("starts_at", "=", a.startsAt).where("status", "=", "firing")
            .execute();
        }
        const row = await byKey(a.fingerprint, a.startsAt).executeTakeFirstOrThrow();
        return { alert: toAlert(row), created: false, resolvedNow: false };
      });
    },

    async claimIncident(alertId, incidentId, from = null) {
      return guard("alerts.claimIncident", async () => {
        let q = db.updateTable("alerts").set({ incident_id: incidentId, updated_at: Date.now() }).where("id", "=", alertId);
        q = from === null ? q.where("incident_id", "is", null) : q.where("incident_id", "=", from);
        const res = await q.executeTakeFirst();
        return Number(res.numUpdatedRows) === 1;
      });
    },

    async openIncidentForGroup(groupKey) {
      return guard("alerts.openIncidentForGroup", async () => {
        const opened = await db.selectFrom("incidents").select("id").where("alert_group_key", "=", groupKey)
          .where("status", "=", "open").executeTakeFirst();
        if (opened) return opened.id;
        // Incidents opened before 0007_alert_group_lock carry no key: found through their alerts.
        const row = await db
          .selectFrom("alerts")
          .innerJoin("incidents", "incidents.id", "alerts.incident_id")
          .select("incidents.id")
          .where("alerts.group_key", "=", groupKey)
          .where("incidents.status", "=", "open")
          .orderBy("alerts.received_at", "desc")
          .limit(1)
          .executeTakeFirst();
        return row?.id ?? null;
      });
    },

    async list(query = {}) {
      const q = parseInput("alert query", querySchema, query);
      return guard("alerts.list", async () => {
        let sel = db.selectFrom("alerts").selectAll();
        if (q.status) sel = sel.where("status", "=", q.status);
        if (q.severity) sel = sel.where("severity", "=", q.severity);
        if (q.service) sel = sel.where("service", "=", q.service);
        if (q.incidentId) sel = sel.where("incident_id", "=", q.incidentId);
        const rows = await sel.orderBy("starts_at", "desc").orderBy("id", "desc").limit(q.limit ?? 200).execute();
        return rows.map(toAlert);
      });
    },

    async countFiring() {
      return guard("alerts.countFiring", async () => {
        const row = await db.selectFrom("alerts").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "firing").executeTakeFirst();
        return Number(row?.n ?? 0);
      });
    },
  };
}
