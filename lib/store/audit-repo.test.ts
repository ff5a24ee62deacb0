import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { auditToCsv, csvCell } from "./audit-csv";
import type { AuditRecord } from "./index";
import { ENGINES, useEngine } from "./store-test-harness";

const T0 = Date.parse("2025-03-01T00:00:00Z");

describe.each(ENGINES)("audit trail on %s", (kind) => {
  const h = useEngine(kind);

  async function seeded() {
    const store = await h.store();
    for (let i = 0; i < 25; i++) {
      await store.audit.append({
        at: T0 + i * 60_000,
        actor: i % 2 === 0 ? "ana" : "bo",
        role: i % 2 === 0 ? "admin" : "responder",
        action: i % 3 === 0 ? "auth.sign_in" : "saga.lookup",
        target: `saga-${i}`,
        outcome: i === 7 ? "denied" : "ok",
        details: { i },
        ip: "127.0.0.1",
      });
    }
    return store;
  }

  it("appends records and reads them back newest first", async () => {
    const store = await h.store();
    const written = await store.audit.append({
      actor: "ana", role: "admin", action: "incident.open", outcome: "ok", target: "inc-1", details: { severity: "sev1" },
    });
    expect(written).toMatchObject({ actor: "ana", action: "incident.open", outcome: "ok", details: { severity: "sev1" } });
    expect(Math.abs(Date.parse(written.at) - Date.now())).toBeLessThan(5_000);
    await store.audit.append({ actor: "bo", role: "viewer", action: "smoke.run", outcome: "denied" });
    const { rows, nextCursor } = await store.audit.list({ limit: 10 });
    expect(rows.map((r) => r.action)).toEqual(["smoke.run", "incident.open"]);
    expect(rows[0]).toMatchObject({ target: null, details: null, ip: null, outcome: "denied" });
    expect(nextCursor).toBeNull();
  });

  it("refuses to change or delete audit records, even with direct SQL", async () => {
    const loc = await h.location();
    const store = await loc.open();
    await store.audit.append({ actor: "ana", role: "admin", action: "auth.sign_in", outcome: "ok" });
    const attempts = ["update audit_log set actor = 'mallory'", "delete from audit_log"];
    for (const statement of attempts) {
      if (kind === "postgres") {
        const client = new pg.Client({ connectionString: loc.options.databaseUrl });
        await client.connect();
        await expect(client.query(statement)).rejects.toThrow(/append-only/);
        await client.end();
      } else {
        const raw = new BetterSqlite3(store.location);
        expect(() => raw.exec(statement)).toThrow(/append-only/);
        raw.close();
      }
    }
    expect((await store.audit.list({ limit: 5 })).rows.map((r) => r.actor)).toEqual(["ana"]);
  });

  it("pages with a cursor without gaps or repeats", async () => {
    const store = await seeded();
    const seen: string[] = [];
    let before: number | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await store.audit.list({ limit: 10, before });
      seen.push(...res.rows.map((r) => r.target ?? ""));
      if (res.nextCursor === null) break;
      before = res.nextCursor;
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `saga-${24 - i}`));
  });

  it("filters by user, action and time", async () => {
    const store = await seeded();
    const bo = await store.audit.list({ actor: "bo", limit: 100 });
    expect(bo.rows).toHaveLength(12);
    expect(bo.rows.every((r) => r.actor === "bo")).toBe(true);
    const signIns = await store.audit.list({ action: "auth.sign_in", actor: "ana", limit: 100 });
    expect(signIns.rows.map((r) => r.details?.i)).toEqual([24, 18, 12, 6, 0]);
    const window = await store.audit.list({
      from: new Date(T0 + 5 * 60_000), to: new Date(T0 + 7 * 60_000).toISOString(), limit: 100,
    });
    expect(window.rows.map((r) => r.target)).toEqual(["saga-7", "saga-6", "saga-5"]);
    expect(window.rows[0]?.outcome).toBe("denied");
  });

  it("exports CSV that spreadsheets cannot execute", async () => {
    const store = await h.store();
    await store.audit.append({
      actor: "=HYPERLINK(\"http://evil\")", role: "admin", action: "audit.export", outcome: "ok",
      target: 'saga "a", line1\nline2', details: { note: "+1" }, ip: "@host",
    });
    const { rows } = await store.audit.list({ limit: 1 });
    const csv = store.audit.toCsv(rows);
    const [header, line] = csv.split("\r\n");
    expect(header).toBe("id,at,actor,role,action,target,outcome,ip,details");
    expect(line).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(line).toContain(`'@host`);
    expect(csv).toContain(`"saga ""a"", line1\nline2"`);
    expect(csv).toContain(`"{""note"":""+1""}"`);
    expect(csv.endsWith("\r\n")).toBe(true);
  });
});

describe("csvCell", () => {
  it.each([
    ["plain", "plain"],
    ["=1+2", "'=1+2"],
    ["+cmd", "'+cmd"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    [" padded ", '" padded "'],
    [null, ""],
    [42, "42"],
  ])("%j → %s", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("writes only the header for no rows", () => {
    expect(auditToCsv([] as AuditRecord[])).toBe("id,at,actor,role,action,target,outcome,ip,details\r\n");
  });
});
