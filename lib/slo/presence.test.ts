import { beforeAll, describe, expect, it } from "vitest";
import { loadSloDefinitionsFile, type SloDefinition } from "./definitions";
import { checkSloSeriesPresence } from "./presence";

let defs: SloDefinition[];
beforeAll(async () => {
  const res = await loadSloDefinitionsFile();
  if (!res.ok) throw new Error("shipped definitions invalid");
  defs = res.definitions;
});

const STATIC = `# Prometheus exposition disabled
dotmac_customers_total 0
dotmac_billing_runs_total 0
dotmac_api_requests_total 0
dotmac_notifications_sent_total 0
dotmac_partner_signups_total 0
dotmac_commission_calculated_total 0
dotmac_tenant_active_total 0
`;

describe("checkSloSeriesPresence", () => {
  it("calls the platform's static /metrics 'exposed, SLO series missing'", () => {
    const r = checkSloSeriesPresence(defs, STATIC);
    expect(r.verdict).toBe("slo_series_missing");
    expect(r.sampleCount).toBe(7);
    expect(r.expositionDisabledComment).toBe(true);
    expect(r.slos.every((s) => s.present.length === 0)).toBe(true);
  });

  it("recognises a complete Scheme A page", () => {
    const text = [
      'dotmac_management_login_attempts_total{result="success"} 5',
      'dotmac_management_provisioning_requests_total{result="success"} 5',
      'dotmac_management_provisioning_duration_seconds_bucket{le="+Inf"} 5',
      'dotmac_management_http_requests_total{status_code="200"} 5',
      'dotmac_management_login_duration_seconds_bucket{le="+Inf"} 5',
    ].join("\n");
    const r = checkSloSeriesPresence(defs, text);
    expect(r.verdict).toBe("slo_series_present");
    expect(r.completeSchemes).toEqual(["A"]);
  });

  it("says partial when only some definitions are fed, and flags HTML as not Prometheus text", () => {
    expect(checkSloSeriesPresence(defs, "login_success_rate_total 1\nlogin_success_rate_success_total 1\n").verdict).toBe("slo_series_partial");
    expect(checkSloSeriesPresence(defs, "<!doctype html><html></html>").verdict).toBe("not_prometheus_text");
  });
});
