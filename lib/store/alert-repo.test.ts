/** Alerts in the store, on both engines: one record per (fingerprint, startsAt) however often and wherever it arrives. */
import { describe, expect, test } from "vitest";
import type { AlertInput } from "./alert-repo";
import { ENGINES, useEngine } from "./store-test-harness";

const base = (over: Partial<AlertInput> = {}): AlertInput => ({
  fingerprint: "0123456789abcdef", startsAt: Date.parse("2026-12-06T01:00:00Z"), alertname: "LoginLatencyHigh", status: "firing",
  severity: "critical", service: "management-platform", groupKey: '{}:{alertname="LoginLatencyHigh"}', labels: { alertname: "LoginLatencyHigh" },
  annotations: { summary: "slow" }, value: "3.2", runbookSections: ["3", "6"], sectionSource: "map", generatorUrl: null, endsAt: null,
  action: "incident", ...over,
});

describe.each(ENGINES)("alert repo on %s", (kind) => {
  const h = useEngine(kind);

  test("the same alert delivered concurrently to two replicas is one record, created exactly once", async () => {
    const loc = await h.location();
    const [a, b] = [await loc.open(), await loc.open()];
    const results = await Promise.all([...Array(6)].map((_, i) => (i % 2 ? a : b).alerts.record(base())));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await a.alerts.list()).toHaveLength(1);
    // A new firing of the same alert (new startsAt) is a new record.
    await a.alerts.record(base({ startsAt: Date.parse("2026-12-06T02:00:00Z") }));
    expect(await b.alerts.list()).toHaveLength(2);
  });

  test("resolved marks the record (once), never deletes it; a later firing repeat does not un-resolve it", async () => {
    const s = await h.store();
    await s.alerts.record(base());
    const ends = Date.parse("2026-12-06T01:10:00Z");
    const [r1, r2] = await Promise.all([s.alerts.record(base({ status: "resolved", endsAt: ends })), s.alerts.record(base({ status: "resolved", endsAt: ends }))]);
    expect([r1.resolvedNow, r2.resolvedNow].sort()).toEqual([false, true]);
    await s.alerts.record(base({ status: "firing" }));
    const [only] = await s.alerts.list();
    expect(only).toMatchObject({ status: "resolved", endsAt: "2026-12-06T01:10:00.000Z", runbookSections: ["3", "6"] });
    expect(await s.alerts.countFiring()).toBe(0);
    expect(await s.alerts.list({ status: "resolved" })).toHaveLength(1);
    expect(await s.alerts.list({ status: "firing" })).toHaveLength(0);
  });

  test("one caller wins the incident claim; the group finds its open incident", async () => {
    const s = await h.store();
    const { alert } = await s.alerts.record(base());
    const wins = await Promise.all([s.alerts.claimIncident(alert.id, "pending"), s.alerts.claimIncident(alert.id, "pending")]);
    expect(wins.filter(Boolean)).toHaveLength(1);
    const incident = await s.incidents.create({ title: "t", severity: "sev2", startedAt: Date.now(), openedBy: "alertmanager", runbookVersion: "v", steps: [] });
    expect(await s.alerts.claimIncident(alert.id, incident.id, "pending")).toBe(true);
    expect(await s.alerts.openIncidentForGroup(alert.groupKey)).toBe(incident.id);
    expect(await s.alerts.openIncidentForGroup("other")).toBeNull();
    await s.incidents.resolve({ incidentId: incident.id, actor: "x" });
    expect(await s.alerts.openIncidentForGroup(alert.groupKey)).toBeNull();
  });

  test("filters by severity and service; bad input changes nothing", async () => {
    const s = await h.store();
    await s.alerts.record(base());
    await s.alerts.record(base({ fingerprint: "ffff", severity: "warning", service: "isp-framework" }));
    expect((await s.alerts.list({ severity: "warning" })).map((a) => a.fingerprint)).toEqual(["ffff"]);
    expect((await s.alerts.list({ service: "management-platform" })).map((a) => a.fingerprint)).toEqual(["0123456789abcdef"]);
    await expect(s.alerts.record(base({ fingerprint: "" }))).rejects.toThrow(/fingerprint/);
    expect(await s.alerts.list()).toHaveLength(2);
  });

  test("notifications keep their outcome", async () => {
    const s = await h.store();
    const n = await s.notifications.create({ incidentId: "i-1", event: "opened", target: "slack" });
    await s.notifications.update(n.id, { status: "failed", attempts: 3, lastError: "HTTP 500" });
    expect(await s.notifications.forIncident("i-1")).toMatchObject([{ status: "failed", attempts: 3, lastError: "HTTP 500", event: "opened" }]);
  });
});
