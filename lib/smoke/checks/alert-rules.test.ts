import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSloDefinitionsFile, SHIPPED_DEFINITIONS_PATH, type SloDefinition } from "@/lib/slo/definitions";
import { runSmoke } from "@/lib/smoke/run";
import { startFixture, text, type Fixture } from "@/lib/smoke/test-fixture";
import { PlatformMetrics } from "@/sim/metrics";
import { createRng } from "@/sim/prng";

const FIXTURES = path.join(__dirname, "../../alert-rules/fixtures");
let fx: Fixture;
let defs: SloDefinition[];

beforeAll(async () => {
  fx = await startFixture();
  // /metrics as the simulator serves it: Scheme A and B series.
  const m = new PlatformMetrics(createRng(3), Date.now() - 3_600_000);
  m.advance(6 * 3600, false, 3000); // as the simulator warms up: enough batches for rare 5xx codes
  fx.routes.mgmt["/metrics"] = text(200, m.render(), "text/plain; version=0.0.4");
  const loaded = await loadSloDefinitionsFile(path.resolve(SHIPPED_DEFINITIONS_PATH));
  if (!loaded.ok) throw new Error("shipped definitions invalid");
  defs = loaded.definitions;
});
afterAll(() => fx.close());

const check = async (ruleFiles: string[] | undefined) => {
  const report = await runSmoke(fx.client(), { alertRules: ruleFiles ? { source: { ruleFiles }, defs, scrapeIntervalSeconds: 15 } : undefined });
  return report.results.find((r) => r.id === "alerts.able-to-fire");
};

describe("smoke: alerts able to fire (runbook §6)", () => {
  it("fails on the platform's own rules: an SLO's only rule can never fire", async () => {
    const r = await check([path.join(FIXTURES, "platform-*.yml")]);
    expect(r?.verdict).toBe("fail");
    expect(r?.summary).toMatch(/^alerts able to fire: 4 of 16; cannot fire for a-login-success \(LoginSuccessRateLow\), a-provisioning-success \(ProvisioningSuccessRateLow\); fires on noise for a-http-5xx \(HTTPErrorRateHigh\)/);
    expect(r?.runbookSection).toBe("§6");
  });

  it("warns, not fails, on corrected rules that leave some SLOs without an alert", async () => {
    const r = await check([path.join(FIXTURES, "corrected.yml")]);
    expect(r?.verdict).toBe("warn");
    expect(r?.summary).toMatch(/^alerts able to fire: 5 of 5; no rule for a-provisioning-latency/);
  });

  it("an unreadable rules source is an error that says why", async () => {
    const r = await check([path.join(FIXTURES, "nothing-*.yml")]);
    expect(r).toMatchObject({ verdict: "error", summary: expect.stringMatching(/alert rules could not be read: ALERT_RULE_FILES: no file matches/) });
  });

  it("is not part of the run when no rules source is configured", async () => {
    expect(await check(undefined)).toBeUndefined();
  });
});
