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
