import { Migrator, sql } from "kysely";
import { alertRepo, type AlertRepo } from "./alert-repo";
import { auditRepo, type AuditRepo } from "./audit-repo";
import { connectPostgres, connectSqlite, type Connection } from "./connect";
import { makeGuard, StoreUnavailableError, toStoreError, type StoreKind } from "./errors";
import { incidentRepo } from "./incident-repo";
import type { IncidentRepo } from "./incident-types";
import { leaseRepo, type LeaseRepo } from "./lease-repo";
import { migrationProvider } from "./migrations";
import { notificationRepo, type NotificationRepo } from "./notification-repo";
import { sampleRepo, type SampleRepo } from "./sample-repo";
import { sessionRepo, type SessionRepo } from "./session-repo";
import { signInThrottleRepo, type SignInThrottleRepo } from "./sign-in-throttle-repo";
import { smokeRunRepo, type SmokeRunRepo } from "./smoke-run-repo";

export * from "./errors";
export type * from "./alert-repo";
export type * from "./audit-repo";
export type * from "./notification-repo";
export type * from "./incident-types";
export type * from "./lease-repo";
export type * from "./sample-repo";
export type * from "./session-repo";
export type * from "./sign-in-throttle-repo";
export type * from "./smoke-run-repo";
export type { TimeInput } from "./input";
export { csvCell } from "./audit-csv";

export interface Store {
  kind: StoreKind;
  /** Safe to display: the SQLite file path, or host:port/database for PostgreSQL (no credentials). */
  location: string;
  close(): Promise<void>;
  /** Resolves when the database answers; throws StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  /** Names of the applied migrations, oldest first. */
  appliedMigrations(): Promise<string[]>;
  audit: AuditRepo;
  incidents: IncidentRepo;
  smokeRuns: SmokeRunRepo;
  samples: SampleRepo;
  leases: LeaseRepo;
  sessions: SessionRepo;
  alerts: AlertRepo;
  notifications: NotificationRepo;
  signInThrottle: SignInThrottleRepo;
}

export interface OpenStoreOptions {
  /** postgres://… — when set, PostgreSQL is used and dataDir is ignored. */
  databaseUrl?: string;
  /** SQLite directory (created if missing); the file is <dataDir>/console.db. Default ./.data */
  dataDir?: string;
  /** Sees every SQL statement before it runs (diagnostics, tests). */
  onQuery?: (sql: string) => void;
}

async function migrate(conn: Connection): Promise<void> {
  // Branches land in any order: a store that ran 0005 before 0004 reached main gets 0004 next, instead of refusing
  // to start. A migration only builds on those already on main when it was written, never on a sibling branch's.
  const migrator = new Migrator({ db: conn.db, provider: migrationProvider(conn.kind), allowUnorderedMigrations: true });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

/** Opens the store and applies pending migrations. Throws StoreUnavailableError when it cannot. */
export async function openStore(opts: OpenStoreOptions = {}): Promise<Store> {
  const conn = opts.databaseUrl
    ? connectPostgres(opts.databaseUrl, opts.onQuery)
    : connectSqlite(opts.dataDir ?? "./.data", opts.onQuery);
  const guard = makeGuard(conn.kind);
  const ping = () => guard("ping", async () => void (await sql`select 1`.execute(conn.db)));
  try {
    await ping();
    await migrate(conn);
  } catch (error) {
    await conn.db.destroy().catch(() => {});
    const mapped = toStoreError(conn.kind, "migration", error);
    if (mapped instanceof StoreUnavailableError) throw mapped;
    throw new StoreUnavailableError(conn.kind, `console store (${conn.kind}) could not be migrated: ${String(error)}`, {
      cause: error,
    });
  }
  let closed: Promise<void> | null = null;
  return {
    kind: conn.kind,
    location: conn.location,
    close: () => (closed ??= conn.db.destroy()),
    ping,
    appliedMigrations: () =>
      guard("appliedMigrations", async () =>
        (await new Migrator({ db: conn.db, provider: migrationProvider(conn.kind) }).getMigrations())
          .filter((m) => m.executedAt !== undefined)
          .map((m) => m.name),
      ),
    audit: auditRepo(conn, guard),
    incidents: incidentRepo(conn, guard),
    smokeRuns: smokeRunRepo(conn, guard),
    samples: sampleRepo(conn, guard),
    leases: leaseRepo(conn, guard),
    sessions: sessionRepo(conn, guard),
    alerts: alertRepo(conn, guard),
    notifications: notificationRepo(conn, guard),
    signInThrottle: signInThrottleRepo(conn, guard),
  };
}
