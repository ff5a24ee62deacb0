import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration, type MigrationProvider } from "kysely";
import type { StoreKind } from "./errors";

type Db = Kysely<unknown>;
type ColumnBuilder = ColumnDefinitionBuilder;

// The only dialect difference in the schema: how an auto-incrementing key is declared.
function autoId(kind: StoreKind) {
  return kind === "postgres"
    ? (["bigint", (c: ColumnBuilder) => c.primaryKey().generatedByDefaultAsIdentity()] as const)
    : (["integer", (c: ColumnBuilder) => c.primaryKey().autoIncrement()] as const);
}

function initial(kind: StoreKind): Migration {
  const [idType, idColumn] = autoId(kind);
  return {
    async up(db: Db) {
      await db.schema
        .createTable("audit_log")
        .addColumn("id", idType, idColumn)
        .addColumn("at", "bigint", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("target", "text")
        .addColumn("outcome", "text", (c) => c.notNull().check(sql`outcome in ('ok', 'denied', 'error')`))
        .addColumn("details", "text")
        .addColumn("ip", "text")
        .execute();
      await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();
      await db.schema.createIndex("audit_log_actor").on("audit_log").columns(["actor", "id"]).execute();
      await db.schema.createIndex("audit_log_action").on("audit_log").columns(["action", "id"]).execute();

      await db.schema
        .createTable("incidents")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("seq", "bigint", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("severity", "text", (c) => c.notNull().check(sql`severity in ('sev1', 'sev2', 'sev3', 'sev4')`))
        .addColumn("tenant", "text")
        .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('open', 'resolved')`))
        .addColumn("started_at", "bigint", (c) => c.notNull())
        .addColumn("opened_at", "bigint", (c) => c.notNull())
        .addColumn("opened_by", "text", (c) => c.notNull())
        .addColumn("runbook_version", "text", (c) => c.notNull())
        .addColumn("resolved_at", "bigint")
        .addColumn("resolved_by", "text")
        .addColumn("summary", "text")
        .execute();
      await db.schema.createIndex("incidents_status_started").on("incidents").columns(["status", "started_at"]).execute();

      await db.schema
        .createTable("incident_steps")
        .addColumn("incident_id", "text", (c) => c.notNull().references("incidents.id").onDelete("cascade"))
        .addColumn("step_id", "text", (c) => c.notNull())
        .addColumn("section_id", "text", (c) => c.notNull())
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('todo', 'done', 'skipped')`))
        .addColumn("reason", "text")
        .addColumn("note", "text")
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("changed_seq", "bigint", (c) => c.notNull())
        .addColumn("updated_by", "text")
        .addColumn("updated_at", "bigint")
        .addPrimaryKeyConstraint("incident_steps_pk", ["incident_id", "step_id"])
        .execute();

      await db.schema
        .createTable("incident_events")
        .addColumn("id", idType, idColumn)
        .addColumn("incident_id", "text", (c) => c.notNull().references("incidents.id").onDelete("cascade"))
        .addColumn("seq", "bigint", (c) => c.notNull())
        .addColumn("at", "bigint", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("step_id", "text")
        .addColumn("data", "text", (c) => c.notNull())
        .addUniqueConstraint("incident_events_seq", ["incident_id", "seq"])
        .execute();

      await db.schema
        .createTable("smoke_runs")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("started_at", "bigint", (c) => c.notNull())
        .addColumn("finished_at", "bigint", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("ok_count", "integer", (c) => c.notNull())
        .addColumn("warn_count", "integer", (c) => c.notNull())
        .addColumn("fail_count", "integer", (c) => c.notNull())
        .addColumn("error_count", "integer", (c) => c.notNull())
        .addColumn("results", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("smoke_runs_started").on("smoke_runs").column("started_at").execute();

      await db.schema
        .createTable("series")
        .addColumn("id", idType, idColumn)
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("labels", "text", (c) => c.notNull())
        .addUniqueConstraint("series_name_labels", ["name", "labels"])
        .execute();

      await db.schema
        .createTable("samples")
        .addColumn("series_id", "bigint", (c) => c.notNull())
        .addColumn("ts", "bigint", (c) => c.notNull())
        .addColumn("value", "double precision")
        .addPrimaryKeyConstraint("samples_pk", ["series_id", "ts"])
        .execute();
      await db.schema.createIndex("samples_ts").on("samples").column("ts").execute();

      await db.schema
        .createTable("leases")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("holder", "text", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .execute();
    },
    async down(db: Db) {
      for (const table of [
        "leases", "samples", "series", "smoke_runs", "incident_events", "incident_steps", "incidents", "audit_log",
      ]) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}

// The audit trail is append-only in the database itself, not only by the absence of an update function.
function auditAppendOnly(kind: StoreKind): Migration {
  return {
    async up(db: Db) {
      if (kind === "postgres") {
        await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
          begin raise exception 'audit_log is append-only'; end $$`.execute(db);
        await sql`create trigger audit_log_append_only before update or delete on audit_log
          for each statement execute function audit_log_append_only()`.execute(db);
      } else {
        for (const op of ["update", "delete"]) {
          await sql`create trigger ${sql.raw(`audit_log_no_${op}`)} before ${sql.raw(op)} on audit_log
            begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
        }
      }
    },
    async down(db: Db) {
      if (kind === "postgres") {
        await sql`drop trigger if exists audit_log_append_only on audit_log`.execute(db);
        await sql`drop function if exists audit_log_append_only()`.execute(db);
      } else {
        await sql`drop trigger if exists audit_log_no_update`.execute(db);
        await sql`drop trigger if exists audit_log_no_delete`.execute(db);
      }
    },
  };
}

// "Sign out everywhere": sessions are stateless JWTs, so a user's tokens issued before this time are refused.
function sessionRevocations(): Migration {
  return {
    async up(db: Db) {
      await db.schema
        .createTable("session_revocations")
        .addColumn("user_id", "text", (c) => c.primaryKey())
        .addColumn("revoked_before", "bigint", (c) => c.notNull())
        .execute();
    },
    async down(db: Db) {
      await db.schema.dropTable("session_revocations").ifExists().execute();
    },
  };
}

// Alertmanager alerts and outbound notifications. No foreign key to incidents: deleting an incident keeps
// the alert history (the receiver's record of what arrived), its incident_id then points nowhere.
function alerts(kind: StoreKind): Migration {
  const [idType, idColumn] = autoId(kind);
  return {
    async up(db: Db) {
      await db.schema
        .createTable("alerts")
        .addColumn("id", idType, idColumn)
        .addColumn("fingerprint", "text", (c) => c.notNull())
        .addColumn("starts_at", "bigint", (c) => c.notNull())
        .addColumn("alertname", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('firing', 'resolved')`))
        .addColumn("severity", "text", (c) => c.notNull())
        .addColumn("service", "text")
        .addColumn("group_key", "text", (c) => c.notNull())
        .addColumn("labels", "text", (c) => c.notNull())
        .addColumn("annotations", "text", (c) => c.notNull())
        .addColumn("value", "text")
        .addColumn("runbook_sections", "text", (c) => c.notNull())
        .addColumn("section_source", "text", (c) => c.notNull())
        .addColumn("generator_url", "text")
        .addColumn("ends_at", "bigint")
        .addColumn("received_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addColumn("resolved_at", "bigint")
        .addColumn("incident_id", "text")
        .addColumn("action", "text", (c) => c.notNull())
        // Alertmanager retries and HA replicas deliver the same alert more than once: one record each.
        .addUniqueConstraint("alerts_fingerprint_starts", ["fingerprint", "starts_at"])
        .execute();
      await db.schema.createIndex("alerts_status_starts").on("alerts").columns(["status", "starts_at"]).execute();
      await db.schema.createIndex("alerts_incident").on("alerts").column("incident_id").execute();
      await db.schema.createIndex("alerts_group").on("alerts").column("group_key").execute();

      await db.schema
        .createTable("notifications")
        .addColumn("id", idType, idColumn)
        .addColumn("incident_id", "text", (c) => c.notNull())
        .addColumn("event", "text", (c) => c.notNull())
        .addColumn("target", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending', 'sent', 'failed')`))
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("last_error", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("notifications_incident").on("notifications").columns(["incident_id", "id"]).execute();
    },
    async down(db: Db) {
      await db.schema.dropTable("notifications").ifExists().execute();
      await db.schema.dropTable("alerts").ifExists().execute();
    },
  };
}

// Sessions as server-side records (a JWT carries only the record's id, so ending the record ends the session on
// every replica, whatever the token's age), and sign-in throttle counters shared by replicas.
function sessions(): Migration {
  return {
    async up(db: Db) {
      await db.schema
        .createTable("sessions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("user_name", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("last_seen_at", "bigint", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addColumn("ended_at", "bigint")
        .addColumn("ended_by", "text")
        .addColumn("address", "text")
        .addColumn("user_agent", "text")
        .execute();
      await db.schema.createIndex("sessions_user").on("sessions").columns(["user_id", "ended_at"]).execute();
      await db.schema.createIndex("sessions_expires").on("sessions").column("expires_at").execute();
      await db.schema
        .createTable("sign_in_throttle")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('pair', 'user', 'address')`))
        .addColumn("username", "text", (c) => c.notNull())
        .addColumn("address", "text", (c) => c.notNull())
        .addColumn("window_start", "bigint", (c) => c.notNull())
        .addColumn("failures", "integer", (c) => c.notNull())
        .addColumn("locked_until", "bigint", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addColumn("audit_at", "bigint", (c) => c.notNull())
        .addColumn("pending_failed", "integer", (c) => c.notNull())
        .addColumn("pending_refused", "integer", (c) => c.notNull())
        .addColumn("claimed_failed", "integer", (c) => c.notNull())
        .addColumn("claimed_refused", "integer", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("sign_in_throttle_expires").on("sign_in_throttle").column("expires_at").execute();
      // Replaced by per-session records: "revoked before time T" compared second-resolution iat with ms.
      await db.schema.dropTable("session_revocations").ifExists().execute();
    },
    async down(db: Db) {
      await db.schema.dropTable("sign_in_throttle").ifExists().execute();
      await db.schema.dropTable("sessions").ifExists().execute();
      await sessionRevocations().up(db);
    },
  };
}

// Notes and evidence carry a client-generated key: a retry after a lost answer must not add a second event.
function clientKeys(): Migration {
  return {
    async up(db: Db) {
      await db.schema.alterTable("incident_events").addColumn("client_key", "text").execute();
      // Unique per incident; rows without a key (NULL) never collide, in SQLite and PostgreSQL alike.
      await db.schema.createIndex("incident_events_client_key").on("incident_events").columns(["incident_id", "client_key"]).unique().execute();
    },
    async down(db: Db) {
      await db.schema.dropIndex("incident_events_client_key").ifExists().execute();
      await db.schema.alterTable("incident_events").dropColumn("client_key").execute();
    },
  };
}

// One open incident per Alertmanager group: two replicas receiving two alerts of one group at the same instant
// both try to insert, and the unique index lets exactly one in (NULLs, i.e. incidents people open, never collide).
function alertGroupLock(): Migration {
  return {
    async up(db: Db) {
      await db.schema.alterTable("incidents").addColumn("alert_group_key", "text").execute();
      await sql`create unique index incidents_open_alert_group on incidents (alert_group_key) where status = 'open'`.execute(db);
    },
    async down(db: Db) {
      await db.schema.dropIndex("incidents_open_alert_group").ifExists().execute();
      await db.schema.alterTable("incidents").dropColumn("alert_group_key").execute();
    },
  };
}

/** Ordered by name; append new versions, never edit an applied one. */
export function migrationProvider(kind: StoreKind): MigrationProvider {
  return {
    async getMigrations() {
      return { "0001_initial": initial(kind), "0002_audit_append_only": auditAppendOnly(kind), "0003_session_revocations": sessionRevocations(),
        "0004_sessions": sessions(), "0005_alerts": alerts(kind), "0006_client_keys": clientKeys(),
        "0007_alert_group_lock": alertGroupLock() };
    },
  };
}
