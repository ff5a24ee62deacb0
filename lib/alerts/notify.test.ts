import { afterAll, beforeAll, expect, test } from "vitest";
import { startReceiver, type LoopbackReceiver } from "@/lib/testing/receiver";
import { deliver, jsonBody, slackBody, type NotifyContext } from "./notify";

let rx: LoopbackReceiver;
beforeAll(async () => {
  rx = await startReceiver();
});
afterAll(async () => {
  await rx.close();
});

const ctx: NotifyContext = {
  event: "incident_opened",
  incident: { id: "i-1", title: "LoginLatencyHigh: slow logins", severity: "sev1", status: "open", url: "https://oncall.example.com/incidents/i-1" },
  alert: { alertname: "LoginLatencyHigh", severity: "critical", status: "firing", runbookSections: ["3", "6"], summary: "slow logins", value: "3.1" },
  runbookUrl: "https://oncall.example.com/runbook#section-3",
};

test("retries with exponential backoff until a 2xx, against a real loopback receiver", async () => {
  rx.respondWith((_r, n) => (n < 3 ? 503 : 200));
  const waits: number[] = [];
  const attempts: (string | null)[] = [];
  const r = await deliver(`${rx.url}/hook`, slackBody(ctx), { fetch, attempts: 4, baseDelayMs: 100, timeoutMs: 2000, sleep: async (ms) => void waits.push(ms), onAttempt: (_n, e) => void attempts.push(e) });
  expect(r).toEqual({ ok: true, attempts: 3, error: null });
  expect(waits).toEqual([100, 200]);
  expect(attempts).toEqual(["HTTP 503", "HTTP 503", null]);
  const body = JSON.parse(rx.requests.at(-1)!.body) as { text: string };
  expect(body.text).toContain("*Incident opened* (sev1): <https://oncall.example.com/incidents/i-1|LoginLatencyHigh: slow logins>");
  expect(body.text).toContain("Start with <https://oncall.example.com/runbook#section-3|runbook §3, §6>");
});

test("gives up after the bounded number of attempts and says why; an unreachable URL is an error, not a throw", async () => {
  rx.respondWith(500);
  const before = rx.requests.length;
  const r = await deliver(`${rx.url}/hook`, jsonBody(ctx), { fetch, attempts: 3, baseDelayMs: 1, timeoutMs: 2000 });
  expect(r).toEqual({ ok: false, attempts: 3, error: "HTTP 500" });
  expect(rx.requests.length - before).toBe(3);
  expect(JSON.parse(rx.requests.at(-1)!.body)).toMatchObject({ source: "dotmac-oncall-console", event: "incident_opened", incident: { id: "i-1" }, alert: { alertname: "LoginLatencyHigh" } });
  const dead = await deliver("http://127.0.0.1:1/hook", {}, { fetch, attempts: 2, baseDelayMs: 1, timeoutMs: 2000 });
  expect(dead.ok).toBe(false);
  expect(dead.error).toMatch(/ECONNREFUSED|fetch failed/);
});
