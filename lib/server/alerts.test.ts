/**
 * The Alertmanager receiver through its real handler with Alertmanager-shaped payloads: bearer token, size
 * limit, validation, idempotency, the severity policy (open / join / list), runbook mapping, auto-resolve,
 * the audit trail, and notifications to a loopback receiver that never hold the webhook up.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { startReceiver, type LoopbackReceiver } from "@/lib/testing/receiver";

const TOKEN = "test-alertmanager-token-0123456789";
let dir: string;
let team: LoopbackReceiver;
let failing: LoopbackReceiver;
let mod: typeof import("@/lib/server/alerts");
let storeMod: typeof import("@/lib/server/store");
let notify: typeof import("@/lib/server/notify");

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "alerts-receiver-"));
  team = await startReceiver();
  failing = await startReceiver();
  failing.respondWith(500);
  writeFileSync(path.join(dir, "map.yaml"), "rules:\n  - alertname: 'Custom.*'\n    sections: [8]\n");
  Object.assign(process.env, {
    MGMT_API_URL: "http://127.0.0.1:9", ADMIN_BASE_URL: "http://127.0.0.1:9", RESELLER_BASE_URL: "http://127.0.0.1:9",
    TENANT_BASE_URL: "http://127.0.0.1:9", TENANT_SLUG: "acme", API_VERSION: "v1",
    DATA_DIR: path.join(dir, "data"), ALERTMANAGER_WEBHOOK_TOKEN: TOKEN, ALERT_RUNBOOK_MAP: path.join(dir, "map.yaml"),
    NOTIFY_WEBHOOK_URL: `${team.url}/slack`, NOTIFY_JSON_WEBHOOK_URL: `${failing.url}/json`, NOTIFY_RETRY_BASE_MS: "400",
    NEXTAUTH_URL: "https://oncall.example.com",
  });
  mod = await import("@/lib/server/alerts");
  storeMod = await import("@/lib/server/store");
  notify = await import("@/lib/server/notify");
});

afterAll(async () => {
  await notify?.notificationsSettled();
  await (await storeMod?.getStore())?.close();
  await team?.close();
  await failing?.close();
  rmSync(dir, { recursive: true, force: true });
  for (const k of ["ALERTMANAGER_WEBHOOK_TOKEN", "ALERT_RUNBOOK_MAP", "NOTIFY_WEBHOOK_URL", "NOTIFY_JSON_WEBHOOK_URL", "NOTIFY_RETRY_BASE_MS", "DATA_DIR", "NEXTAUTH_URL"]) delete process.env[k];
});

interface A { name: string; fp: string; status?: "firing" | "resolved"; severity?: string; labels?: Record<string, string>; annotations?: Record<string, string>; startsAt?: string; endsAt?: string }
const STARTS = "2026-12-06T01:00:00.123Z";
function payload(groupKey: string, alerts: A[], extra: Record<string, unknown> = {}) {
  return {
    version: "4", groupKey, truncatedAlerts: 0, status: alerts.some((a) => (a.status ?? "firing") === "firing") ? "firing" : "resolved",
    receiver: "oncall-console", groupLabels: {}, commonLabels: {}, commonAnnotations: {}, externalURL: "http://am.example",
    alerts: alerts.map((a) => ({
      status: a.status ?? "firing",
      labels: { alertname: a.name, severity: a.severity ?? "critical", service: "management-platform", ...a.labels },
      annotations: { summary: `${a.name} summary`, ...a.annotations },
      startsAt: a.startsAt ?? STARTS, endsAt: a.endsAt ?? "0001-01-01T00:00:00Z", generatorURL: "http://prom.example/graph", fingerprint: a.fp,
    })),
    ...extra,
  };
}
const post = (body: unknown, headers: Record<string, string> = {}) =>
  mod.receiveAlertmanager(new Request("http://console.test/api/alerts/alertmanager", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}`, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  }));
const store = () => storeMod.getStore();

test("without the bearer token, or with a wrong one: 401 and nothing stored", async () => {
  const body = payload("g-auth", [{ name: "LoginLatencyHigh", fp: "a000000000000001" }]);
  for (const auth of [undefined, "Bearer wrong-token-wrong-token-0000", `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
    const res = await mod.receiveAlertmanager(new Request("http://console.test/x", { method: "POST", headers: { "Content-Type": "application/json", ...(auth ? { Authorization: auth } : {}) }, body: JSON.stringify(body) }));
    expect(res.status, auth).toBe(401);
    expect((await res.json()).error.code).toBe("unauthenticated");
  }
  expect(await (await store()).alerts.list()).toHaveLength(0);
});

test("payloads over 1 MB are refused with 413, invalid ones with 422; nothing stored", async () => {
  const big = payload("g-big", [{ name: "LoginLatencyHigh", fp: "a000000000000002", annotations: { description: "x".repeat(9_000) } }]);
  big.alerts = [...Array(120)].map((_, i) => ({ ...big.alerts[0]!, fingerprint: `f${i}` }));
  expect(JSON.stringify(big).length).toBeGreaterThan(1_000_000);
  const tooBig = await post(big);
  expect(tooBig.status).toBe(413);
  expect((await tooBig.json()).error.code).toBe("payload_too_large");
  const v3 = await post({ ...payload("g", [{ name: "X", fp: "1" }]), version: "3" });
  expect(v3.status).toBe(422);
  expect((await v3.json()).error.message).toMatch(/version "4"/);
  expect((await post("{not json")).status).toBe(400);
  expect((await post(payload("g", [{ name: "", fp: "1" }]))).status).toBe(422);
  expect(await (await store()).alerts.list()).toHaveLength(0);
});

test("a critical alert opens an incident once, however often it is delivered; the runbook section comes first", async () => {
  const body = payload("g-login", [{ name: "LoginLatencyHigh", fp: "b000000000000001", annotations: { value: "3.4" } }]);
  const started = performance.now();
  const first = await post(body);
  const elapsed = performance.now() - started;
  expect(first.status).toBe(200);
  const out = (await first.json()) as { outcomes: { did: string; incidentId: string; runbookSections: string[] }[] };
  expect(out.outcomes[0]).toMatchObject({ did: "opened_incident", runbookSections: ["3", "6"] });
  // The failing JSON webhook retries for 0.4 + 0.8 + 1.6 s in the background: the webhook answer does not wait.
  expect(elapsed).toBeLessThan(1000);
  const again = await Promise.all([post(body), post(body)]);
  for (const r of again) expect(((await r.json()) as typeof out).outcomes[0]!.did).toBe("duplicate");

  const s = await store();
  const incidents = await s.incidents.list();
  expect(incidents).toHaveLength(1);
  expect(incidents[0]).toMatchObject({ id: out.outcomes[0]!.incidentId, title: "LoginLatencyHigh: LoginLatencyHigh summary", severity: "sev1", openedBy: "alertmanager" });
  const timeline = await s.incidents.timeline(incidents[0]!.id);
  expect(timeline.find((e) => e.kind === "note")?.data).toMatchObject({ text: expect.stringMatching(/Opened by Alert LoginLatencyHigh \(critical\) firing, value 3\.4 .*runbook §3, then §6 \(from default\)/) });
  expect(await s.alerts.list()).toHaveLength(1);

  const slack = await team.waitFor((r) => r.path === "/slack", 5_000);
  const msg = JSON.parse(slack.body) as { text: string };
  expect(msg.text).toContain("*Incident opened* (sev1)");
  expect(msg.text).toContain(`<https://oncall.example.com/incidents/${incidents[0]!.id}|`);
  expect(msg.text).toContain("<https://oncall.example.com/runbook#section-3|runbook §3, §6>");
});

test("another alert of the same group joins the open incident; other severities are listed only; unknown names land in general", async () => {
  const s = await store();
  const [incident] = await s.incidents.list({ status: "open" });
  const joined = (await (await post(payload("g-login", [{ name: "LoginSuccessRateLow", fp: "b000000000000002" }]))).json()) as { outcomes: { did: string; incidentId: string }[] };
  expect(joined.outcomes[0]).toMatchObject({ did: "joined_incident", incidentId: incident!.id });
  const warn = (await (await post(payload("g-warn", [{ name: "ProvisioningLatencyHigh", fp: "c000000000000001", severity: "warning" }]))).json()) as typeof joined;
  expect(warn.outcomes[0]).toMatchObject({ did: "listed", incidentId: null });
  const odd = (await (await post(payload("g-odd", [{ name: "SomethingOdd", fp: "d000000000000001" }, { name: "CustomThing", fp: "d000000000000002", severity: "info" }, { name: "Labelled", fp: "d000000000000003", severity: "info", annotations: { runbook_url: "https://wiki/runbook#section-4" } }]))).json()) as { outcomes: { did: string; runbookSections: string[] }[] };
  expect(odd.outcomes.map((o) => [o.did, o.runbookSections])).toEqual([["opened_incident", ["general"]], ["listed", ["8"]], ["listed", ["4"]]]);
  expect(await s.incidents.list({ status: "open" })).toHaveLength(2);
  expect((await s.alerts.list({ severity: "warning" })).map((a) => a.alertname)).toEqual(["ProvisioningLatencyHigh"]);
});

test("resolved alerts are marked, not deleted; the incident clears when its last alert resolves", async () => {
  const s = await store();
  const [incident] = (await s.incidents.list({ status: "open" })).filter((i) => i.title.startsWith("LoginLatencyHigh"));
  const ends = "2026-12-06T01:20:00Z";
  const one = (await (await post(payload("g-login", [{ name: "LoginLatencyHigh", fp: "b000000000000001", status: "resolved", endsAt: ends }, { name: "LoginSuccessRateLow", fp: "b000000000000002" }]))).json()) as { outcomes: { did: string }[] };
  expect(one.outcomes.map((o) => o.did)).toEqual(["resolved", "duplicate"]);
  expect((await s.incidents.get(incident!.id))!.status).toBe("open");
  const two = (await (await post(payload("g-login", [{ name: "LoginSuccessRateLow", fp: "b000000000000002", status: "resolved", endsAt: ends }]))).json()) as typeof one;
  expect(two.outcomes.map((o) => o.did)).toEqual(["resolved_incident"]);
  expect((await s.incidents.get(incident!.id))!.status).toBe("resolved");
  const alerts = await s.alerts.list({ incidentId: incident!.id });
  expect(alerts.map((a) => [a.alertname, a.status, a.endsAt])).toEqual(expect.arrayContaining([["LoginLatencyHigh", "resolved", "2026-12-06T01:20:00.000Z"], ["LoginSuccessRateLow", "resolved", "2026-12-06T01:20:00.000Z"]]));
  await team.waitFor((r) => r.path === "/slack" && r.body.includes("Incident resolved"), 5_000);
});

test("notifications that keep failing are retried a bounded number of times and shown on the incident", async () => {
  await notify.notificationsSettled();
  const s = await store();
  const [incident] = (await s.incidents.list()).filter((i) => i.title.startsWith("LoginLatencyHigh"));
  const notifications = await s.notifications.forIncident(incident!.id);
  const json = notifications.filter((n) => n.target === "json");
  expect(json.map((n) => [n.event, n.status, n.attempts, n.lastError])).toEqual([
    ["incident_opened", "failed", 4, "HTTP 500"], ["alert_joined", "failed", 4, "HTTP 500"], ["incident_resolved", "failed", 4, "HTTP 500"],
  ]);
  expect(notifications.filter((n) => n.target === "slack").map((n) => n.status)).toEqual(["sent", "sent", "sent"]);
  expect(failing.requests.filter((r) => r.path === "/json")).toHaveLength(4 * 4); // 4 events (one other incident) × 4 attempts
  const notes = (await s.incidents.timeline(incident!.id)).filter((e) => e.kind === "note").map((e) => (e.data as { text: string }).text);
  expect(notes.some((t) => /Could not tell the team \(json webhook, incident opened\): HTTP 500 after 4 attempts/.test(t))).toBe(true);
});

test("the audit trail records what the receiver did, once per change", async () => {
  const s = await store();
  const entries = (await s.audit.list({ action: "alerts.receive", limit: 100 })).rows;
  const dids = entries.flatMap((e) => ((e.details as { alerts: { did: string }[] }).alerts ?? []).map((a) => a.did));
  expect(dids.filter((d) => d === "opened_incident")).toHaveLength(2);
  expect(dids).not.toContain("duplicate");
  expect(entries.every((e) => e.actor === "alertmanager" && e.outcome === "ok")).toBe(true);
});

test("with ALERTMANAGER_WEBHOOK_TOKEN unset the receiver says it is disabled (501), and still 401 without credentials", async () => {
  vi.resetModules();
  delete process.env.ALERTMANAGER_WEBHOOK_TOKEN;
  const fresh = await import("@/lib/server/alerts");
  const req = (auth?: string) => new Request("http://console.test/x", { method: "POST", headers: { "Content-Type": "application/json", ...(auth ? { Authorization: auth } : {}) }, body: "{}" });
  const withToken = await fresh.receiveAlertmanager(req(`Bearer ${TOKEN}`));
  expect(withToken.status).toBe(501);
  expect((await withToken.json()).error.message).toMatch(/disabled: set ALERTMANAGER_WEBHOOK_TOKEN/);
  expect((await fresh.receiveAlertmanager(req())).status).toBe(401);
  await (await (await import("@/lib/server/store")).getStore()).close();
});
