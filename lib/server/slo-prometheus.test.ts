/**
 * The SLO report in Prometheus mode against a real Prometheus scraping the simulator, with alert rules loaded:
 * the source says Prometheus, and each SLO says whether an alert — and a burn-rate alert — covers it
 * (runbook §6: "ensure alerts are configured for provisioning latency, login success, and error rates").
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { startPrometheus, type ThrowawayPrometheus } from "@/lib/testing/prometheus";
import { startSimulator, type RunningSim } from "@/sim/server";

const RULES = `groups:
  - name: dotmac-slo
    rules:
      - alert: LoginSuccessBurnRateFast
        expr: |
          (1 - sum(rate(dotmac_management_login_attempts_total{result="success"}[5m])) / sum(rate(dotmac_management_login_attempts_total[5m]))) / (1 - 0.98) > 14.4
        labels: { severity: page }
      - alert: ProvisioningSuccessLow
        expr: sum(rate(dotmac_management_provisioning_requests_total{result="success"}[5m])) / sum(rate(dotmac_management_provisioning_requests_total[5m])) < 0.95
        labels: { severity: ticket }
`;

let sim: RunningSim;
let prom: ThrowawayPrometheus;
let report: typeof import("@/lib/server/slo-report");

beforeAll(async () => {
  sim = await startSimulator({ portBase: 0 });
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
  report = await import("@/lib/server/slo-report");
  // Rules load with the config; wait until Prometheus reports them.
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const body = (await (await fetch(`${prom.url}/api/v1/rules`)).json()) as { data: { groups: unknown[] } };
    if (body.data.groups.length > 0) break;
    await new Promise((r) => setTimeout(r, 250));
  }
}, 60_000);

afterAll(async () => {
  delete process.env.PROMETHEUS_URL;
  await prom?.stop();
  await sim?.close();
});

test("each SLO says whether a burn-rate alert, a plain alert or no alert covers it", async () => {
  const r = await report.buildSloReport("1h");
  expect(r.source.kind).toBe("prometheus");
  expect(r.alertRules).toMatchObject({ ok: true, count: 2, able: 2 });
  const byId = new Map(r.slos.map((s) => [s.id, s.alerts]));
  expect(byId.get("a-login-success")).toMatchObject({ hasAlert: true, hasBurnRateAlert: true, names: ["LoginSuccessBurnRateFast"] });
  expect(byId.get("a-provisioning-success")).toMatchObject({ hasAlert: true, hasBurnRateAlert: false });
  expect(byId.get("a-provisioning-latency")).toMatchObject({ hasAlert: false, hasBurnRateAlert: false });
  expect(byId.get("b-login-success")).toMatchObject({ hasAlert: false });
}, 60_000);
