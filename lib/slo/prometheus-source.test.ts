import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertCoverage, readAlertRules } from "./alert-rules";
import { parseSloDefinitions } from "./definitions";
import { createPrometheusSource, PrometheusSourceError, stepFor } from "./prometheus-source";

// A stand-in Prometheus HTTP API on 127.0.0.1: records what the client asked and answers like Prometheus.
let server: Server;
let base = "";
const seen: URL[] = [];
let rulesBody: unknown = { status: "success", data: { groups: [] } };

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    seen.push(url);
    res.setHeader("content-type", "application/json");
    if (url.pathname === "/prom/api/v1/query_range") {
      const q = url.searchParams.get("query");
      if (q?.includes("broken")) {
        res.statusCode = 400;
        res.end(JSON.stringify({ status: "error", errorType: "bad_data", error: "parse error at char 3" }));
        return;
      }
      const start = Number(url.searchParams.get("start"));
      res.end(JSON.stringify({
        status: "success",
        data: {
          resultType: "matrix",
          result: [{
            metric: { __name__: "dotmac_management_login_attempts_total", result: "success", job: "mgmt", instance: "a:1" },
            values: [[start, "10"], [start + 15, "25"], [start + 30, "NaN"]],
          }],
        },
      }));
      return;
    }
    if (url.pathname === "/prom/api/v1/rules") {
      res.end(JSON.stringify(rulesBody));
      return;
    }
    res.statusCode = 404;
    res.end("404 page not found");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prom`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("stepFor", () => {
  it("keeps at most ~1000 points per range and picks steps that divide windows", () => {
    expect(stepFor(10 * 60_000)).toBe(15_000);
    expect(stepFor(6 * 3_600_000 + 300_000)).toBe(30_000);
    expect(stepFor(30 * 86_400_000 + 300_000)).toBe(3_600_000);
    expect((30 * 86_400_000 + 300_000) / stepFor(30 * 86_400_000 + 300_000)).toBeLessThanOrEqual(1000);
  });
});

describe("createPrometheusSource", () => {
  it("asks query_range per metric with an aligned grid and reads the matrix into rows", async () => {
    seen.length = 0;
    const src = createPrometheusSource({ baseUrl: base, fetch });
    const to = 1_725_500_000_000;
    const rows = await src.readSamples({ names: ["dotmac_management_login_attempts_total"], from: to - 3_600_000, to });
    const q = seen[0]!.searchParams;
    expect(q.get("query")).toBe('{__name__="dotmac_management_login_attempts_total"}');
    expect(q.get("step")).toBe("15s");
    expect(Number(q.get("end")) * 1000).toBe(to);
    expect(((to - Number(q.get("start")) * 1000) / 15_000) % 1).toBe(0);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual({
      name: "dotmac_management_login_attempts_total",
      labels: { result: "success", job: "mgmt", instance: "a:1" },
      ts: Number(q.get("start")) * 1000 + 15_000,
      value: 25,
    });
    expect(rows[2]?.value).toBeNaN();
  });

  it("surfaces Prometheus's own error message", async () => {
    const src = createPrometheusSource({ baseUrl: base, fetch });
    const err = await src.readSamples({ names: ["broken"], from: 0, to: 60_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrometheusSourceError);
    expect(err).toMatchObject({ kind: "http_status", status: 400 });
    expect((err as Error).message).toMatch(/bad_data: parse error at char 3/);
  });

  it("reports an unreachable Prometheus as such", async () => {
    const src = createPrometheusSource({ baseUrl: "http://127.0.0.1:1", fetch, timeoutMs: 2000 });
    await expect(src.readSamples({ names: ["x"], from: 0, to: 60_000 })).rejects.toMatchObject({ kind: "unreachable" });
  });
});

describe("alert rules", () => {
  it("finds which SLO has a burn-rate alert, following recording rules", async () => {
    const defs = parseSloDefinitions(`apiVersion: dotmac.console/v1
kind: SLOList
slos:
  - { id: login, name: L, scheme: A, objective: 0.98, period: 30d, runbookSection: 3,
      indicator: { ratio: { good: 'dotmac_management_login_attempts_total{result="success"}', total: dotmac_management_login_attempts_total } } }
  - { id: prov-lat, name: P, scheme: A, objective: 0.95, period: 30d, runbookSection: 5,
      indicator: { latency: { histogram: dotmac_management_provisioning_duration_seconds, thresholdSeconds: 60 } } }
  - { id: http, name: H, scheme: A, objective: 0.95, period: 30d, runbookSection: 7,
      indicator: { errorRatio: { bad: 'dotmac_management_http_requests_total{status_code=~"5.."}', total: dotmac_management_http_requests_total } } }
`);
    if (!defs.ok) throw new Error(JSON.stringify(defs.problems));
    rulesBody = {
      status: "success",
      data: {
        groups: [
          {
            name: "business_slo_alerts",
            file: "/etc/prometheus/business_slo_alerts.yml",
            rules: [
              { type: "alerting", name: "LoginSuccessLow", state: "inactive", labels: { severity: "warning" },
                query: 'sum(rate(dotmac_management_login_attempts_total{result="success"}[5m])) / sum(rate(dotmac_management_login_attempts_total[5m])) < 0.98' },
              { type: "recording", name: "slo:http_errors:ratio_rate1h",
                query: 'sum(rate(dotmac_management_http_requests_total{status_code=~"5.."}[1h])) / sum(rate(dotmac_management_http_requests_total[1h]))' },
              { type: "alerting", name: "HttpErrorBudgetBurn", state: "firing", labels: { severity: "page" },
                query: "slo:http_errors:ratio_rate1h > 14.4 * (1 - 0.95)" },
              { type: "alerting", name: "ProvisioningSlowish", labels: {},
                query: "histogram_quantile(0.95, sum by (le) (rate(dotmac_management_provisioning_duration_seconds_bucket_other[5m]))) > 60" },
            ],
          },
        ],
      },
    };
    const rules = await readAlertRules(fetch, base);
    expect(rules).toHaveLength(4);
    const cov = new Map(alertCoverage(defs.definitions, rules).map((c) => [c.sloId, c]));
    expect(cov.get("login")).toMatchObject({ hasAlert: true, hasBurnRateAlert: false });
    expect(cov.get("http")).toMatchObject({ hasAlert: true, hasBurnRateAlert: true });
    expect(cov.get("http")?.alerts.map((a) => a.name)).toEqual(["HttpErrorBudgetBurn"]);
    // A similarly named metric is not the SLO's metric.
    expect(cov.get("prov-lat")).toMatchObject({ hasAlert: false, alerts: [] });
  });

  it("a /api/v1/rules reply it cannot read is an error, not 'no rules'", async () => {
    rulesBody = { status: "success", data: { groups: [{ name: "g", rules: [{ type: "alerting", name: "A" }] }] } };
    await expect(readAlertRules(fetch, base)).rejects.toThrow(/api\/v1\/rules answered in a shape the console cannot read \(groups\.0\.rules\.0\.query/);
  });
});
