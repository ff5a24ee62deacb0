/** The throwaway Alertmanager helper itself: an alert posted to it reaches the webhook with the bearer token. */
import { afterAll, beforeAll, expect, test } from "vitest";
import { startAlertmanager, type ThrowawayAlertmanager } from "./alertmanager";
import { startReceiver, type LoopbackReceiver } from "./receiver";

let am: ThrowawayAlertmanager;
let rx: LoopbackReceiver;

beforeAll(async () => {
  rx = await startReceiver();
  am = await startAlertmanager({ webhookUrl: `${rx.url}/hook`, bearerToken: "s3cret-token-for-test" });
});
afterAll(async () => {
  await am?.stop();
  await rx?.close();
});

test("a posted alert reaches the webhook as a version 4 payload with the bearer token", async () => {
  const res = await fetch(`${am.url}/api/v2/alerts`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify([{ labels: { alertname: "HelperCheck", severity: "critical" }, annotations: { summary: "x" } }]),
  });
  expect(res.status).toBe(200);
  const hit = await rx.waitFor((r) => r.path === "/hook", 15_000);
  expect(hit.headers.authorization).toBe("Bearer s3cret-token-for-test");
  const body = JSON.parse(hit.body) as { version: string; status: string; alerts: { labels: Record<string, string>; fingerprint: string }[] };
  expect(body.version).toBe("4");
  expect(body.status).toBe("firing");
  expect(body.alerts[0]!.labels.alertname).toBe("HelperCheck");
  expect(body.alerts[0]!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
});
