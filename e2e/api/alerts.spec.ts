import { expect, test } from "@playwright/test";
import { E2E, storageStateFor } from "../env";

test.use({ storageState: storageStateFor("viewer") });

test("GET /api/slo/rules.yaml serves the rule file for the active definitions, linking back to this console", async ({ request }) => {
  const res = await request.get("/api/slo/rules.yaml");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/yaml");
  const text = await res.text();
  expect(text).toContain("alert: SLOBurnALoginSuccessPage");
  expect(text).toContain("alert: SLOBurnBApiLatencyTicket");
  expect(text).toContain(`runbook_url: ${E2E.baseURL}/runbook#section-3`);
  expect(text).toContain(`slo_url: ${E2E.baseURL}/slo#slo-a-login-success`);
});

test("GET /api/alerts validates its filters with the error envelope", async ({ request }) => {
  const bad = await request.get("/api/alerts?status=burning");
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error.code).toBe("validation_failed");
  const ok = await request.get("/api/alerts?status=firing&severity=critical");
  expect(ok.status()).toBe(200);
  const body = (await ok.json()) as { alerts: { status: string; severity: string }[]; firing: number };
  expect(body.alerts.every((a) => a.status === "firing" && a.severity === "critical")).toBe(true);
  expect(typeof body.firing).toBe("number");
});

test("the receiver refuses an oversized payload (413) and a non-JSON one (400) without storing anything", async ({ request }) => {
  const auth = { Authorization: `Bearer ${E2E.alertmanagerToken}`, "Content-Type": "application/json" };
  const before = ((await (await request.get("/api/alerts")).json()) as { alerts: unknown[] }).alerts.length;
  const big = await request.post("/api/alerts/alertmanager", { headers: auth, data: JSON.stringify({ version: "4", pad: "x".repeat(1_100_000) }) });
  expect(big.status()).toBe(413);
  expect((await big.json()).error.code).toBe("payload_too_large");
  const junk = await request.post("/api/alerts/alertmanager", { headers: auth, data: Buffer.from("{nope") });
  expect(junk.status()).toBe(400);
  expect(((await (await request.get("/api/alerts")).json()) as { alerts: unknown[] }).alerts.length).toBe(before);
});

test("the incident's Markdown export lists the alerts that opened and joined it, their text inert", async ({ playwright }) => {
  const responder = await playwright.request.newContext({ baseURL: E2E.baseURL, storageState: storageStateFor("responder") });
  const group = `{}:{alertname="ExportCheck${Date.now()}"}`;
  const alert = (name: string, fp: string, summary: string, status = "firing", endsAt = "0001-01-01T00:00:00Z") => ({
    status, labels: { alertname: name, severity: "critical", service: "management-platform" }, annotations: { summary },
    startsAt: "2026-12-06T01:00:00Z", endsAt, generatorURL: "http://prom.example/graph", fingerprint: fp,
  });
  const send = async (alerts: unknown[]) => {
    const res = await responder.post("/api/alerts/alertmanager", {
      headers: { Authorization: `Bearer ${E2E.alertmanagerToken}`, "Content-Type": "application/json" },
      data: { version: "4", groupKey: group, status: "firing", receiver: "console", groupLabels: {}, commonLabels: {}, commonAnnotations: {}, externalURL: "http://am", truncatedAlerts: 0, alerts },
    });
    expect(res.status()).toBe(200);
    return (await res.json()) as { outcomes: { did: string; incidentId: string | null }[] };
  };
  const fp = Date.now().toString(16).padStart(16, "0");
  const opened = await send([alert("LoginLatencyHigh", `${fp.slice(0, 15)}a`, "# Pwned\n[click](https://evil.example) <script>x</script>")]);
  expect(opened.outcomes[0]?.did).toBe("opened_incident");
  const id = opened.outcomes[0]!.incidentId!;
  expect((await send([alert("BgopsErrors", `${fp.slice(0, 15)}b`, "bgops 5xx")])).outcomes[0]).toMatchObject({ did: "joined_incident", incidentId: id });
  await send([alert("BgopsErrors", `${fp.slice(0, 15)}b`, "bgops 5xx", "resolved", "2026-12-06T01:30:00Z")]);

  const md = await (await responder.get(`/api/incidents/${id}/export.md`)).text();
  expect(md).toContain("## Alerts (UTC)");
  expect(md).toContain("2 alerts from Alertmanager opened or joined this incident; 1 still firing.");
  expect(md).toContain("| 2026-12-06 01:00:00 | Fired | LoginLatencyHigh | critical | \\# Pwned \\[click\\]\\(https\\[\\:\\]\\/\\/evil\\.example\\) \\<script\\>x\\<\\/script\\> |");
  expect(md).toContain("| 2026-12-06 01:30:00 | Resolved | BgopsErrors | critical | bgops 5xx |");
  expect(md).not.toContain("<script>");
  expect(md).not.toMatch(/^# Pwned/m);
  await responder.dispose();
});
