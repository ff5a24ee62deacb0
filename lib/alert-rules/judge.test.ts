import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sloRulesYaml } from "@/lib/alerts/slo-rules";
import { loadSloDefinitionsFile, SHIPPED_DEFINITIONS_PATH } from "@/lib/slo/definitions";
import { PlatformMetrics } from "@/sim/metrics";
import { createRng } from "@/sim/prng";
import { exposedSeries } from "./exposed";
import { judgeRule, type AlertRule, type JudgeContext } from "./judge";
import { parsePromql, print } from "./promql";
import { coverageOf, judgeRuleSet } from "./report";
import { parseRuleFile } from "./rule-file";

const fixture = (name: string) => {
  const file = path.join(__dirname, "fixtures", name);
  const r = parseRuleFile(readFileSync(file, "utf8"), name);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

// What the simulator's /metrics carries: Scheme A and B series, nothing of isp_framework_* or billing.
const metrics = new PlatformMetrics(createRng(7), Date.now() - 3_600_000);
metrics.advance(6 * 3600, false, 3000); // as the simulator warms up: enough batches for rare 5xx codes
const ctx: JudgeContext = { exposed: exposedSeries(metrics.render()), recorded: new Set(), scrapeIntervalSeconds: 15 };
const rule = (expr: string, extra: Partial<AlertRule> = {}): AlertRule => ({
  name: "R", group: "g", expr, forSeconds: 120, labels: { severity: "warning" }, annotations: { runbook_url: "https://x" }, ...extra,
});

describe("parsePromql", () => {
  it("reads selectors, matchers, ranges, aggregations and matching with the PromQL grammar", () => {
    const p = parsePromql('sum without (result) (rate(x{result="success", code=~"5.."}[5m])) / on(job) group_left y > bool 1');
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(print(p.expr)).toBe('sum without (result) (rate(x{result="success", code=~"5.."}[5m])) / on(job) group_left y > bool 1');
  });

  it("reports a syntax error with its position", () => {
    expect(parsePromql("rate(x[5m]")).toEqual({ ok: false, error: expect.stringMatching(/syntax error at character/) });
  });
});

describe("the platform's own rules (CONTRACT §4.1 shapes)", () => {
  const { rules } = fixture("platform-business-slo-alerts.yml");
  const verdicts = new Map(rules.map((r) => [r.name, judgeRule(r, ctx)]));

  it("reads all 16 alerting rules", () => expect(rules).toHaveLength(16));

  it("success ratios over unaggregated sides can never fire, and the fix aggregates both sides", () => {
    const v = verdicts.get("LoginSuccessRateLow")!;
    expect(v.firing.kind).toBe("never");
    expect(v.firing.kind === "never" && v.firing.why).toBe(
      "each dotmac_management_login_attempts_total{result} series is divided by itself (PromQL divides series with identical labels), so the ratio is always 1: 1 < 0.98 is never true",
    );
    expect(v.problems.map((p) => p.code)).toContain("identity-ratio");
    expect(v.fixed?.expr).toBe(
      'sum without (result) (rate(dotmac_management_login_attempts_total{result="success"}[5m])) / sum without (result) (rate(dotmac_management_login_attempts_total[5m])) < 0.98',
    );
    expect(verdicts.get("ProvisioningSuccessRateLow")!.firing.kind).toBe("never");
  });

  it("the 5xx ratio fires on any single error", () => {
    const v = verdicts.get("HTTPErrorRateHigh")!;
    expect(v.firing).toMatchObject({ kind: "noise", why: expect.stringMatching(/status_code\} series is divided by itself.*: 1 > 0\.05 holds on any event$/) });
    expect(v.fixed?.expr).toBe(
      'sum without (status_code) (rate(dotmac_management_http_requests_total{status_code=~"5.."}[5m])) / sum without (status_code) (rate(dotmac_management_http_requests_total[5m])) > 0.05',
    );
  });

  it("series the platform does not expose can never fire", () => {
    const v = verdicts.get("BillingSuccessRateLow")!;
    expect(v.firing).toMatchObject({ kind: "never", why: expect.stringMatching(/no such series.*dotmac_management_billing_runs_total/) });
    expect(verdicts.get("ISPAPILatencyHigh")!.firing.kind).toBe("never");
  });

  it("latency quantiles without sum by (le) can fire but only per series; the fix adds it", () => {
    const v = verdicts.get("LoginLatencyHigh")!;
    expect(v.firing.kind).toBe("able");
    expect(v.problems.map((p) => p.code)).toEqual(["quantile-unaggregated", "no-runbook"]);
    expect(v.fixed?.expr).toBe("histogram_quantile(0.95, sum by (le) (rate(dotmac_management_login_duration_seconds_bucket[5m]))) > 2.0");
    expect(v.fixed?.annotations.runbook_section).toBe("6");
  });

  it("Prometheus's own up and offset expressions are judged able", () => {
    expect(verdicts.get("ServiceDown")!.firing.kind).toBe("able");
    expect(verdicts.get("ActiveTenantsDropped")!.firing.kind).toBe("able");
  });

  it("counts: of 16 rules only the latency, up and tenants rules can fire, one fires on noise", () => {
    const count = (k: string) => [...verdicts.values()].filter((v) => v.firing.kind === k).length;
    expect({ able: count("able"), never: count("never"), noise: count("noise") }).toEqual({ able: 4, never: 11, noise: 1 });
  });
});

describe("correct shapes", () => {
  it("aggregated ratios, quantiles over sum by (le) and burn-rate pairs are able to fire with no problems", () => {
    const { rules } = fixture("corrected.yml");
    for (const r of rules) {
      const v = judgeRule(r, ctx);
      expect({ name: r.name, firing: v.firing.kind, problems: v.problems }).toEqual({ name: r.name, firing: "able", problems: [] });
      expect(v.fixed).toBeNull();
    }
  });

  it("the console's own generated burn-rate rules (lib/alerts) are able to fire with no problems, and cover every SLO", async () => {
    const d = await loadSloDefinitionsFile(path.resolve(SHIPPED_DEFINITIONS_PATH));
    if (!d.ok) throw new Error("shipped definitions invalid");
    const set = parseRuleFile(sloRulesYaml(d.definitions), "generated.yml");
    if (!set.ok) throw new Error(set.error);
    const { rules, bySlo } = judgeRuleSet(set.value, d.definitions, ctx);
    expect(rules.filter((r) => r.judgement.firing.kind !== "able" || r.judgement.problems.length).map((r) => r.rule.name)).toEqual([]);
    expect(coverageOf(d.definitions, rules, bySlo).filter((s) => s.status !== "able")).toEqual([]);
  });

  it("a single-window rule without for is flagged even when it has an and", () => {
    const v = judgeRule(rule("rate(dotmac_management_http_requests_total[5m]) > 1 and on() vector(1)", { forSeconds: 0 }), ctx);
    expect(v.problems.map((p) => p.code)).toEqual(["no-for"]);
  });

  it("a ratio of two different metrics (Scheme B) is not an identity", () => {
    const v = judgeRule(rule("rate(login_success_rate_success_total[5m]) / rate(login_success_rate_total[5m]) < 0.95"), ctx);
    expect(v.firing.kind).toBe("able");
  });

  it("the same ratio with > 1 can never fire and with >= 1 fires on any event", () => {
    expect(judgeRule(rule('rate(x{a="b"}[5m]) / rate(x[5m]) > 1'), { ...ctx, exposed: null }).firing.kind).toBe("never");
    expect(judgeRule(rule('rate(x{a="b"}[5m]) / rate(x[5m]) >= 1'), { ...ctx, exposed: null }).firing.kind).toBe("noise");
    // 1 - ratio is always 0: an error-ratio phrased the other way round never fires either.
    expect(judgeRule(rule('1 - rate(x{a="b"}[5m]) / rate(x[5m]) > 0.02'), { ...ctx, exposed: null }).firing.kind).toBe("never");
  });

  it("matchers on a value no series carries are missing series", () => {
    const v = judgeRule(rule('rate(dotmac_management_login_attempts_total{result="ok"}[5m]) > 1'), ctx);
    expect(v.firing).toMatchObject({ kind: "never", why: expect.stringContaining('result="ok"') });
  });
});

describe("well formed", () => {
  it("flags a missing for, comparison, runbook and severity, and short windows", () => {
    const v = judgeRule(rule("rate(dotmac_management_http_requests_total[30s])", { forSeconds: 0, labels: { severity: "sev1" }, annotations: {} }), { ...ctx, runbookSection: 7 });
    expect(v.problems.map((p) => p.code).sort()).toEqual(["no-comparison", "no-for", "no-runbook", "severity", "short-window"]);
    expect(v.firing.kind).toBe("noise");
    expect(v.fixed).toMatchObject({ expr: "rate(dotmac_management_http_requests_total[1m])", for: "2m", labels: { severity: "warning" }, annotations: { runbook_section: "7" } });
  });

  it("sum without le under histogram_quantile returns nothing: can never fire", () => {
    const v = judgeRule(rule("histogram_quantile(0.95, sum(rate(dotmac_management_login_duration_seconds_bucket[5m]))) > 2"), ctx);
    expect(v.firing.kind).toBe("never");
    expect(v.fixed?.expr).toBe("histogram_quantile(0.95, sum by (le) (rate(dotmac_management_login_duration_seconds_bucket[5m]))) > 2");
  });

  it("a syntax error is a verdict, not a crash", () => {
    expect(judgeRule(rule("sum(rate(x[5m]) > 1"), ctx)).toMatchObject({ firing: { kind: "never" }, problems: [{ code: "parse" }] });
  });
});
