/**
 * Two console replicas (two stores on one database) each receive a different alert of the same Alertmanager
 * group at the same instant: exactly one incident opens and the other alert joins it. On PostgreSQL this is
 * the multi-replica set-up; the store's unique open-group index is what decides.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { zWebhookPayload } from "@/lib/alerts/webhook";
import { ENGINES, useEngine } from "@/lib/store/store-test-harness";

let dir: string;
let mod: typeof import("@/lib/server/alerts");

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "alert-group-race-"));
  Object.assign(process.env, {
    MGMT_API_URL: "http://127.0.0.1:9", ADMIN_BASE_URL: "http://127.0.0.1:9", RESELLER_BASE_URL: "http://127.0.0.1:9",
    TENANT_BASE_URL: "http://127.0.0.1:9", TENANT_SLUG: "acme", API_VERSION: "v1", DATA_DIR: path.join(dir, "data"),
  });
  mod = await import("@/lib/server/alerts");
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  delete process.env.DATA_DIR;
});

const delivery = (groupKey: string, name: string, fingerprint: string) => zWebhookPayload.parse({
  version: "4", groupKey, truncatedAlerts: 0, status: "firing", receiver: "oncall-console", groupLabels: {}, commonLabels: {},
  commonAnnotations: {}, externalURL: "http://am.example",
  alerts: [{
    status: "firing", labels: { alertname: name, severity: "critical", service: "management-platform" }, annotations: { summary: `${name} summary` },
    startsAt: "2026-12-06T01:00:00Z", endsAt: "0001-01-01T00:00:00Z", generatorURL: "http://prom.example/graph", fingerprint,
  }],
});

describe.each(ENGINES)("one Alertmanager group reaching two replicas at once (%s)", (kind) => {
  const h = useEngine(kind);

  test("opens one incident per group; the other alert joins it", async () => {
    const loc = await h.location();
    const [a, b] = [await loc.open(), await loc.open()];
    const GROUPS = 20;
    const perGroup = await Promise.all(Array.from({ length: GROUPS }, async (_, g) => {
      const key = `{}:{service="svc-${g}"}`;
      const [x, y] = await Promise.all([
        mod.handlePayload(a, delivery(key, "LoginLatencyHigh", `${g}`.padStart(15, "0") + "a"), []),
        mod.handlePayload(b, delivery(key, "BgopsErrors", `${g}`.padStart(15, "0") + "b"), []),
      ]);
      return [x[0]!, y[0]!];
    }));
    const open = await a.incidents.list({ status: "open" });
    expect(open).toHaveLength(GROUPS);
    for (const [x, y] of perGroup) {
      expect([x!.did, y!.did].sort()).toEqual(["joined_incident", "opened_incident"]);
      expect(x!.incidentId).toBe(y!.incidentId);
      expect(open.map((i) => i.id)).toContain(x!.incidentId);
    }
    // Each incident's timeline says which alert opened it and which joined.
    const notes = (await b.incidents.timeline(perGroup[0]![0]!.incidentId!)).filter((e) => e.kind === "note").map((e) => String((e.data as { text: string }).text));
    expect(notes.map((t) => t.split(" ")[0])).toEqual(expect.arrayContaining(["Opened", "Joined:"]));
  }, 60_000);

  test("a resolved group incident does not block the next one; reopening it while another is open keeps one owner", async () => {
    const loc = await h.location();
    const [a, b] = [await loc.open(), await loc.open()];
    const key = '{}:{service="again"}';
    const [first] = await mod.handlePayload(a, delivery(key, "LoginLatencyHigh", "000000000000fa01"), []);
    await a.incidents.resolve({ incidentId: first!.incidentId!, actor: "alice", summary: "fixed" });
    const [second] = await mod.handlePayload(b, delivery(key, "BgopsErrors", "000000000000fa02"), []);
    expect(second).toMatchObject({ did: "opened_incident" });
    expect(second!.incidentId).not.toBe(first!.incidentId);
    // Reopening the first must not fail on the unique index; new alerts of the group go to the open one.
    await expect(a.incidents.reopen({ incidentId: first!.incidentId!, actor: "alice" })).resolves.toMatchObject({ status: "open" });
    const [third] = await mod.handlePayload(a, delivery(key, "RedisDown", "000000000000fa03"), []);
    expect(third).toMatchObject({ did: "joined_incident", incidentId: second!.incidentId });
  }, 60_000);

  test.runIf(kind === "postgres")("a reopen racing another replica's new incident for the group gives up the key instead of failing", async () => {
    const loc = await h.location();
    const a = await loc.open();
    const key = '{}:{service="race-reopen"}';
    const [first] = await mod.handlePayload(a, delivery(key, "LoginLatencyHigh", "000000000000fb01"), []);
    await a.incidents.resolve({ incidentId: first!.incidentId!, actor: "alice", summary: "fixed" });

    // Another replica's incident for the group, inserted but not committed yet: the reopen's check cannot see it.
    const rival = new pg.Client({ connectionString: loc.options.databaseUrl });
    await rival.connect();
    try {
      await rival.query("begin");
      await rival.query(
        `insert into incidents (id, seq, title, severity, status, started_at, opened_at, opened_by, runbook_version, alert_group_key)
         values ('rival-incident', 0, 'BgopsErrors', 'sev2', 'open', 0, 0, 'alertmanager', 'v1', $1)`,
        [key],
      );
      const reopening = a.incidents.reopen({ incidentId: first!.incidentId!, actor: "alice" });
      // The reopen's update now waits on the rival's row in the unique index; then the rival commits.
      await expect.poll(async () => (await rival.query("select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock'")).rows[0].n, { timeout: 10_000 }).toBeGreaterThan(0);
      await rival.query("commit");
      await expect(reopening).resolves.toMatchObject({ status: "open" });
      const keys = await rival.query("select id, alert_group_key from incidents where status = 'open' order by id");
      const reopenedId = String(first!.incidentId);
      expect(keys.rows).toEqual([
        { id: reopenedId, alert_group_key: null },
        { id: "rival-incident", alert_group_key: key },
      ].sort((x, y) => x.id.localeCompare(y.id, "en")));
    } finally {
      await rival.end();
    }
  }, 60_000);
});
