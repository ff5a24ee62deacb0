import { rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { Migrator } from "kysely";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { connectPostgres, connectSqlite } from "./connect";
import { openStore, StoreInvalidInputError, StoreUnavailableError } from "./index";
import { migrationProvider } from "./migrations";
import { ENGINES, useEngine } from "./store-test-harness";

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 1));
    });
  });
}

describe.each(ENGINES)("store lifecycle on %s", (kind) => {
  const h = useEngine(kind);

  it("applies migrations once and reopening is a no-op", async () => {
    const loc = await h.location();
    const first = await loc.open();
    expect(first.kind).toBe(kind);
    expect(await first.appliedMigrations()).toEqual(["0001_initial", "0002_audit_append_only", "0003_session_revocations", "0004_sessions", "0005_alerts", "0006_client_keys", "0007_alert_group_lock"]);
    await first.close();
    const statements: string[] = [];
    const again = await loc.open({ onQuery: (sql) => statements.push(sql) });
    expect(await again.appliedMigrations()).toEqual(["0001_initial", "0002_audit_append_only", "0003_session_revocations", "0004_sessions", "0005_alerts", "0006_client_keys", "0007_alert_group_lock"]);
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.some((s) => /create table/i.test(s))).toBe(false);
    await again.ping();
  });

  it("applies a migration that landed after a later one had run (branches landing out of order)", async () => {
    const loc = await h.location();
    const conn = loc.options.databaseUrl ? connectPostgres(loc.options.databaseUrl) : connectSqlite(loc.options.dataDir!);
    const all = await migrationProvider(kind).getMigrations();
    // A store that ran every migration of its day but 0004, which landed on main after 0005 and 0006.
    const { "0004_sessions": late, ...early } = all;
    expect(late).toBeDefined();
    expect((await new Migrator({ db: conn.db, provider: { getMigrations: async () => early } }).migrateToLatest()).error).toBeUndefined();
    await conn.db.destroy();

    const store = await loc.open();
    expect(await store.appliedMigrations()).toEqual(Object.keys(all).sort());
    // The late migration really ran: its table takes a row.
    const now = Date.now();
    await store.sessions.create({ id: "late-migration-session-1", userId: "u1", userName: "ana", role: "viewer", createdAt: now, expiresAt: now + 60_000 });
    expect((await store.sessions.listActive({ userId: "u1", now, limit: 10 })).map((s) => s.id)).toEqual(["late-migration-session-1"]);
  });

  it.runIf(kind === "postgres")("migrates once when two replicas start at the same moment", async () => {
    const loc = await h.location();
    const [a, b, c] = await Promise.all([loc.open(), loc.open(), loc.open()]);
    expect(await a.appliedMigrations()).toEqual(["0001_initial", "0002_audit_append_only", "0003_session_revocations", "0004_sessions", "0005_alerts", "0006_client_keys", "0007_alert_group_lock"]);
    await b.audit.append({ actor: "a", role: "admin", action: "x", outcome: "ok" });
    expect((await c.audit.list({ limit: 5 })).rows).toHaveLength(1);
  });

  it("keeps everything across close and reopen", async () => {
    const loc = await h.location();
    const store = await loc.open();
    const incident = await store.incidents.create({
      title: "Provisioning failing for acme", severity: "sev1", tenant: "acme", startedAt: "2025-01-02T03:04:05Z",
      openedBy: "ana", runbookVersion: "r1", steps: [{ stepId: "s1", sectionId: "sec", text: "Check health" }],
    });
    await store.incidents.updateStep({
      incidentId: incident.id, stepId: "s1", expectedVersion: 1, change: { state: "done" }, actor: "ana",
    });
    await store.audit.append({ actor: "ana", role: "responder", action: "incident.open", outcome: "ok", target: incident.id });
    await store.samples.append([{ name: "up", labels: { job: "mgmt" }, ts: 1000, value: 1 }]);
    await store.close();

    const reopened = await loc.open();
    const back = await reopened.incidents.get(incident.id);
    expect(back?.title).toBe("Provisioning failing for acme");
    expect(back?.steps[0]).toMatchObject({ state: "done", version: 2, updatedBy: "ana" });
    expect((await reopened.audit.list({ limit: 10 })).rows.map((r) => r.target)).toEqual([incident.id]);
    expect(await reopened.samples.read({ names: ["up"], from: 0, to: 2000 })).toEqual([
      { name: "up", labels: { job: "mgmt" }, ts: 1000, value: 1 },
    ]);
  });

  it("refuses bad input before running any SQL", async () => {
    const statements: string[] = [];
    const store = await (await h.location()).open({ onQuery: (sql) => statements.push(sql) });
    statements.length = 0;
    const bad = [
      store.incidents.create({
        title: "x", severity: "sev9" as "sev1", startedAt: new Date(), openedBy: "a", runbookVersion: "r", steps: [],
      }),
      store.incidents.create({
        title: "x", severity: "sev2", startedAt: "not a date", openedBy: "a", runbookVersion: "r", steps: [],
      }),
      store.audit.append({ actor: "a", role: "viewer", action: "x", outcome: "maybe" as "ok" }),
      store.samples.append([{ name: "up", labels: {}, ts: Number.NaN, value: 1 }]),
      store.leases.tryAcquire("scrape", "h", 0),
      store.smokeRuns.list({ limit: 0 }),
    ];
    for (const call of bad) await expect(call).rejects.toBeInstanceOf(StoreInvalidInputError);
    await expect(bad[0]).rejects.toThrow(/severity/);
    expect(statements).toEqual([]);
    expect(await store.incidents.list()).toEqual([]);
    expect(statements.length).toBeGreaterThan(0); // the hook does see SQL, so the empty list above means something
  });

  it("reports an unreachable store as StoreUnavailableError", async () => {
    if (kind === "postgres") {
      const port = await closedPort();
      const opening = openStore({ databaseUrl: `postgres://postgres:s3cret-pw@127.0.0.1:${port}/console` });
      await expect(opening).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(opening).rejects.not.toThrow(/s3cret-pw/);
    } else {
      // A data dir below a regular file cannot be created, whoever we run as (root ignores chmod).
      const file = path.join(os.tmpdir(), `console-store-file-${process.pid}-${Date.now()}`);
      writeFileSync(file, "not a directory");
      try {
        await expect(openStore({ dataDir: path.join(file, "data") })).rejects.toBeInstanceOf(StoreUnavailableError);
      } finally {
        rmSync(file, { force: true });
      }
    }
  });

  it("fails writes with StoreUnavailableError once the database is gone", async () => {
    const loc = await h.location();
    const store = await loc.open();
    if (kind === "postgres") {
      const url = new URL(loc.options.databaseUrl as string);
      const dbName = url.pathname.slice(1);
      url.pathname = "/postgres";
      const admin = new pg.Client({ connectionString: url.toString() });
      await admin.connect();
      await admin.query(`DROP DATABASE "${dbName}" WITH (FORCE)`);
      await admin.end();
    } else {
      await store.close();
    }
    const write = store.audit.append({ actor: "a", role: "admin", action: "audit.export", outcome: "ok" });
    await expect(write).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
