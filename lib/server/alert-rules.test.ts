/**
 * The alert-rule judge against a real Prometheus scraping the simulator, loaded with the platform's own rules
 * (fixture in the shapes of CONTRACT §4.1): outside the simulator's incident the 5xx rule already holds on
 * ordinary traffic; during it the login SLO is clearly breached, the rule as written never crosses its
 * threshold, and the corrected expression does.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startPrometheus, type ThrowawayPrometheus } from "@/lib/testing/prometheus";
import { startSimulator, type RunningSim } from "@/sim/server";

const RULES = readFileSync(path.join(__dirname, "../alert-rules/fixtures/platform-business-slo-alerts.yml"), "utf8");

let sim: RunningSim;
let prom: ThrowawayPrometheus;
let shiftMs = 0;
let mod: typeof import("@/lib/server/alert-rules");
let sloReport: typeof import("@/lib/server/slo-report");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, ok: () => Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await ok().catch(() => false)) return;
    await sleep(500);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const instant = async (q: string) => {
  const body = (await (await fetch(`${prom.url}/api/v1/query?query=${encodeURIComponent(q)}`)).json()) as { data: { result: unknown[] } };
  return body.data.result.length;
};

beforeAll(async () => {
  // The simulator's incident starts 60 s after it does; its clock is moved forward to start it on demand.
  sim = await startSimulator({ portBase: 0, incidentPeriodS: 3600, incidentLengthS: 900, now: () => Date.now() + shiftMs });
  prom = await startPrometheus({ targets: [new URL(sim.urls.mgmt).host], rulesYaml: RULES });
  Object.assign(process.env, {
    MGMT_API_URL: sim.urls.mgmt,
    ADMIN_BASE_URL: sim.urls.admin,
    RESELLER_BASE_URL: sim.urls.reseller,
    TENANT_BASE_URL: sim.urls.tenant,
    TENANT_SLUG: "acme",
    API_VERSION: "v1",
    PROMETHEUS_URL: prom.url,
  });
  mod = await import("@/lib/server/alert-rules");
  sloReport = await import("@/lib/server/slo-report");
  await waitFor("rules loaded and two scrapes", async () => (await instant("rate(dotmac_management_login_attempts_total[1m])")) > 0, 30_000);
}, 60_000);

afterAll(async () => {
  delete process.env.PROMETHEUS_URL;
  await prom?.stop();
  await sim?.close();
});

test("outside and during the simulator's incident: verdicts, a missed breach, and a corrected rule that fires", async () => {
  // ---- Outside the incident -----------------------------------------------------------------------
  expect(((await (await fetch(`${sim.urls.mgmt}/__sim/state`)).json()) as { incident: { active: boolean } }).incident.active).toBe(false);
  const http5xx = 'rate(dotmac_management_http_requests_total{status_code=~"5.."}[5m]) / rate(dotmac_management_http_requests_total[5m]) > 0.05';
  await waitFor("a 5xx in ordinary traffic", async () => (await instant(http5xx)) > 0, 30_000);
  await sleep(6_000); // one back-test step (5 s) later, so the range query's grid has a point after it
  const before = await mod.buildAlertRulesReport("15m");
  expect(before.error).toBeNull();
  expect(before.source?.kind).toBe("prometheus");
  expect(before.scrapeInterval).toEqual({ seconds: 1, from: "Prometheus's targets" });
  const rule = (r: typeof before, name: string) => r.rules.find((x) => x.rule.name === name)!;
  expect(before.rules).toHaveLength(16);
  expect(rule(before, "LoginSuccessRateLow").judgement.firing.kind).toBe("never");
  expect(rule(before, "HTTPErrorRateHigh").judgement.firing.kind).toBe("noise");
  expect(rule(before, "BillingSuccessRateLow").judgement.firing).toMatchObject({ kind: "never", why: expect.stringMatching(/no such series/) });
  expect(rule(before, "LoginLatencyHigh").judgement.firing.kind).toBe("able");
  expect(before.summary).toEqual({ able: 4, total: 16 });
  // "Fires on any event": with no incident, the 5xx rule's condition already holds in Prometheus.
  const http = rule(before, "HTTPErrorRateHigh").backtest!;
  expect(http.verdict).toBe("no-breach");
  expect(http.ruleFiredAt).not.toBeNull();
  expect(http.fixedFiredAt).toBeNull();
  expect(before.fixes?.promtool.ok).toBe(true);
  const cov = new Map(before.slos.map((s) => [s.sloId, s]));
  expect(cov.get("a-login-success")).toMatchObject({ status: "cannot", rules: ["LoginSuccessRateLow"] });
  expect(cov.get("a-http-5xx")).toMatchObject({ status: "noise" });
  expect(cov.get("a-login-latency")?.status).toBe("able");
  expect(cov.get("b-login-success")?.status).toBe("missing");

  // The /slo cards carry the same coverage.
  const cards = await sloReport.buildSloReport("1h");
  expect(cards.slos.find((s) => s.id === "a-login-success")?.alerts?.coverage).toMatchObject({ status: "cannot", label: "configured but cannot fire" });
  expect(cards.slos.find((s) => s.id === "a-http-5xx")?.alerts?.coverage?.status).toBe("noise");

  // ---- During the incident ------------------------------------------------------------------------
  shiftMs = 60_000;
  await waitFor("the incident", async () => ((await (await fetch(`${sim.urls.mgmt}/__sim/state`)).json()) as { incident: { active: boolean } }).incident.active, 10_000);
  const corrected = 'sum without (result) (rate(dotmac_management_login_attempts_total{result="success"}[5m])) / sum without (result) (rate(dotmac_management_login_attempts_total[5m])) < 0.98';
  await waitFor("the corrected login rule to hold", async () => (await instant(corrected)) > 0, 30_000);
  // A clear breach in the console's own evaluation: its SLI below the objective for a minute or more.
  let during = await mod.buildAlertRulesReport("15m");
  const deadline = Date.now() + 150_000;
  while (rule(during, "LoginSuccessRateLow").backtest?.verdict !== "missed" && Date.now() < deadline) {
    await sleep(5_000);
    during = await mod.buildAlertRulesReport("15m");
  }
  const login = rule(during, "LoginSuccessRateLow");
  expect(login.backtest).toMatchObject({ sloId: "a-login-success", verdict: "missed", ruleFiredAt: null, comparison: { op: "<", threshold: 0.98 } });
  expect(login.backtest!.breach!.to - login.backtest!.breach!.from).toBeGreaterThanOrEqual(60_000);
  // The rule as written sat at exactly 1 throughout; the corrected one went below the threshold during the breach.
  expect(login.backtest!.points.filter((p) => p.rule !== undefined).every((p) => p.rule === 1)).toBe(true);
  expect(login.judgement.fixed?.expr).toBe(corrected);
  expect(login.backtest!.fixedFiredAt).not.toBeNull();
  expect(login.backtest!.fixedFiredAt!).toBeLessThanOrEqual(login.backtest!.breach!.to);
  expect(login.backtest!.points.some((p) => p.fixed !== undefined && p.fixed < 0.98)).toBe(true);
  expect(login.backtest!.points.some((p) => p.sli !== undefined && p.sli < 0.98)).toBe(true);
  expect(new Map(during.slos.map((s) => [s.sloId, s.status])).get("a-login-success")).toBe("cannot");
  // The latency rule, judged able, did cross its threshold.
  const latency = rule(during, "LoginLatencyHigh").backtest;
  expect(latency?.ruleFiredAt).not.toBeNull();
}, 240_000);
