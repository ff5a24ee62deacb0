import { mkdirSync } from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent } from "kysely";
import pg from "pg";
import { StoreUnavailableError, toStoreError, type StoreKind } from "./errors";
import type { Database } from "./schema";

export interface Connection {
  kind: StoreKind;
  db: Kysely<Database>;
  /** Where the data lives, safe to show: a file path or host:port/database (never credentials). */
  location: string;
}

export interface ConnectOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** Called with every SQL statement before it runs (diagnostics and tests). */
  onQuery?: (sql: string) => void;
}

const INT8_OID = 20;

function logger(onQuery: ConnectOptions["onQuery"]) {
  return onQuery ? (event: LogEvent) => onQuery(event.query.sql) : undefined;
}

export function connectSqlite(dataDir: string, onQuery?: ConnectOptions["onQuery"]): Connection {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, "console.db");
  let database: BetterSqlite3.Database;
  try {
    mkdirSync(dir, { recursive: true });
    database = new BetterSqlite3(file);
    database.pragma("journal_mode = WAL");
    // Several processes (a CLI next to the server) may write; wait for the lock rather than fail at once.
    database.pragma("busy_timeout = 5000");
    database.pragma("synchronous = NORMAL");
    database.pragma("foreign_keys = ON");
  } catch (error) {
    const mapped = toStoreError("sqlite", `opening ${file}`, error);
    if (mapped instanceof StoreUnavailableError) throw mapped;
    throw new StoreUnavailableError("sqlite", `console store unavailable (sqlite): cannot open ${file}`, {
      cause: error,
    });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }), log: logger(onQuery) });
  return { kind: "sqlite", db, location: file };
}

export function describePostgresUrl(databaseUrl: string): string {
  try {
    const u = new URL(databaseUrl);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

export function connectPostgres(databaseUrl: string, onQuery?: ConnectOptions["onQuery"]): Connection {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // A lock held by a stuck replica or a hung server must surface as "store unavailable", not a hung request.
    statement_timeout: 15_000,
    query_timeout: 20_000,
    // Ids, times and counts are int8; they all fit in a double, and callers expect numbers.
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client dropped by the server emits 'error' on the pool; unhandled, it would kill the process.
  pool.on("error", () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: logger(onQuery) });
  return { kind: "postgres", db, location: describePostgresUrl(databaseUrl) };
}
