import { describe, expect, it } from "vitest";
import { formatDefinitionProblems, loadSloDefinitionsFile, metricNamesFor, parseSloDefinitions } from "./definitions";
import { matchesLabels, parseSelector } from "./selector";

const HEADER = "apiVersion: dotmac.console/v1\nkind: SLOList\nslos:\n";
const slo = (over: string) => `  - id: x
    name: X
    scheme: custom
    objective: 0.99
    period: 30d
    runbookSection: 6
${over}`;

describe("shipped definitions", () => {
  it("load cleanly and cover both naming schemes of CONTRACT §4", async () => {
    const res = await loadSloDefinitionsFile();
    if (!res.ok) throw new Error(formatDefinitionProblems("dotmac.yaml", res.problems));
    const ids = res.definitions.map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining([
      "a-login-success", "a-provisioning-success", "a-provisioning-latency", "a-http-5xx",
      "b-login-success", "b-provisioning-success", "b-http-5xx", "b-api-latency",
    ]));
    const byId = new Map(res.definitions.map((d) => [d.id, d]));
    expect(byId.get("a-login-success")?.objective).toBe(0.98);
    expect(byId.get("b-login-success")?.objective).toBe(0.99);
    expect(res.definitions.every((d) => d.periodMs === 30 * 86_400_000)).toBe(true);
    const prov = byId.get("a-provisioning-latency")!;
    expect(prov.indicator).toMatchObject({ kind: "latency", thresholdSeconds: 60, displayQuantile: 0.95 });
    expect(metricNamesFor(prov)).toEqual(["dotmac_management_provisioning_duration_seconds_bucket"]);
    const http = byId.get("a-http-5xx")!;
    expect(http.indicator.kind).toBe("error_ratio");
    if (http.indicator.kind === "error_ratio") {
      expect(matchesLabels(http.indicator.bad.matchers, { status_code: "503" })).toBe(true);
      expect(matchesLabels(http.indicator.bad.matchers, { status_code: "404" })).toBe(false);
      expect(matchesLabels(http.indicator.bad.matchers, { status_code: "5000" })).toBe(false);
    }
  });
});

describe("parseSloDefinitions errors", () => {
  it("names the line and field of an out-of-range objective", () => {
    const text = HEADER + slo("    indicator:\n      ratio: { good: 'a_total', total: 'b_total' }\n").replace("0.99", "1.5");
    const res = parseSloDefinitions(text);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.problems).toEqual([
      expect.objectContaining({ line: 7, field: "slos[0].objective", message: expect.stringMatching(/below 1/) }),
    ]);
  });

  it("points a bad selector at its own line", () => {
    const text = HEADER + slo("    indicator:\n      ratio:\n        good: 'a_total{result=success}'\n        total: b_total\n");
    const res = parseSloDefinitions(text);
    if (res.ok) throw new Error("expected problems");
    expect(res.problems[0]).toMatchObject({ line: 12, field: "slos[0].indicator.ratio.good" });
    expect(res.problems[0]?.message).toMatch(/bad label matcher/);
  });

  it("reports a missing field at the parent's line and a misspelt key by name", () => {
    const text = HEADER + "  - id: y\n    name: Y\n    scheme: A\n    objectve: 0.9\n    period: 30d\n    runbookSection: 2\n    indicator:\n      latency: { histogram: h, thresholdSeconds: 1 }\n";
    const res = parseSloDefinitions(text);
    if (res.ok) throw new Error("expected problems");
    const fields = res.problems.map((p) => `${p.line}:${p.field}`);
    expect(fields).toContain("4:slos[0].objective");
    expect(fields).toContain("7:slos[0].objectve");
    expect(res.problems.find((p) => p.field === "slos[0].objective")?.message).toBe("required field is missing");
  });

  it("reports a YAML syntax error with its line", () => {
    const res = parseSloDefinitions(HEADER + "  - id: x\n    name: [unclosed\n");
    if (res.ok) throw new Error("expected problems");
    expect(res.problems[0]?.line).toBeGreaterThanOrEqual(5);
    expect(formatDefinitionProblems("slo.yaml", res.problems)).toMatch(/^slo\.yaml:\d+/);
  });

  it("rejects two indicator kinds and duplicate ids", () => {
    const two = HEADER + slo("    indicator:\n      ratio: { good: a, total: b }\n      latency: { histogram: h, thresholdSeconds: 1 }\n");
    const r1 = parseSloDefinitions(two);
    expect(!r1.ok && r1.problems[0]?.message).toMatch(/exactly one/);
    const one = slo("    indicator:\n      ratio: { good: a, total: b }\n");
    const r2 = parseSloDefinitions(HEADER + one + one);
    expect(!r2.ok && r2.problems[0]).toMatchObject({ line: 12, field: "slos[1].id" });
  });

  it("strips a _bucket suffix given for a histogram", () => {
    const res = parseSloDefinitions(HEADER + slo("    indicator:\n      latency: { histogram: 'h_seconds_bucket{svc=\"x\"}', thresholdSeconds: 1 }\n"));
    if (!res.ok) throw new Error(JSON.stringify(res.problems));
    expect(metricNamesFor(res.definitions[0]!)).toEqual(["h_seconds_bucket"]);
  });
});

describe("parseSelector", () => {
  it("reads all four matcher operators and escaped quotes", () => {
    const r = parseSelector('m{a="x",b!="y",c=~"1|2",d!~"z.*",e="say \\"hi\\""}');
    if ("error" in r) throw new Error(r.error);
    expect(r.selector.matchers.map((m) => m.op)).toEqual(["=", "!=", "=~", "!~", "="]);
    expect(r.selector.matchers[4]?.value).toBe('say "hi"');
    expect(matchesLabels(r.selector.matchers, { a: "x", b: "q", c: "2", d: "w", e: 'say "hi"' })).toBe(true);
    expect(matchesLabels(r.selector.matchers, { a: "x", b: "q", c: "12", d: "w", e: 'say "hi"' })).toBe(false);
  });

  it("rejects an invalid regex", () => {
    expect(parseSelector('m{a=~"("}')).toHaveProperty("error");
  });
});
