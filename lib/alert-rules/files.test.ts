import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRuleFiles } from "./files";
import { checkRules, fixedRulesYaml } from "./promtool";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "rules-"));
  await writeFile(path.join(dir, "a.yml"), "groups:\n  - name: g\n    rules:\n      - record: job:x:rate5m\n        expr: sum(rate(x[5m]))\n      - alert: A\n        expr: job:x:rate5m > 1\n        for: 5m\n");
  await writeFile(path.join(dir, "b.yml"), "groups:\n  - name: h\n    rules:\n      - alert: B\n        expr: up == 0\n");
  await writeFile(path.join(dir, "bad.yaml"), "groups: [ { name: x, rules: [ { alert: C } ] } ]\n");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("ALERT_RULE_FILES", () => {
  it("expands globs in the file name and reads alerting and recording rules", async () => {
    const r = await readRuleFiles([path.join(dir, "*.yml")]);
    expect(r.files.map((f) => path.basename(f))).toEqual(["a.yml", "b.yml"]);
    expect(r.rules.map((x) => [x.name, x.forSeconds, x.group])).toEqual([["A", 300, "g"], ["B", 0, "h"]]);
    expect(r.recordings).toEqual([{ name: "job:x:rate5m", expr: "sum(rate(x[5m]))" }]);
  });

  it("says which file is wrong and why", async () => {
    await expect(readRuleFiles([path.join(dir, "bad.yaml")])).rejects.toThrow(/bad\.yaml: groups\.0\.rules\.0\.expr/);
    await expect(readRuleFiles([path.join(dir, "none-*.yml")])).rejects.toThrow(/no file matches/);
    await expect(readRuleFiles([path.join(dir, "*", "x.yml")])).rejects.toThrow(/only supported in the file name/);
  });
});

describe("promtool check rules", () => {
  const rule = { alert: "X", for: "2m", labels: { severity: "warning" }, annotations: { runbook_section: "6" } };
  it("accepts a corrected rule and rejects a broken expression with promtool's own message", async () => {
    const ok = await checkRules(fixedRulesYaml([{ ...rule, expr: "sum without (result) (rate(x{result=\"success\"}[5m])) / sum without (result) (rate(x[5m])) < 0.98" }]));
    expect(ok).toMatchObject({ ok: true, output: expect.stringMatching(/SUCCESS: 1 rules found/) });
    const bad = await checkRules(fixedRulesYaml([{ ...rule, expr: "sum(rate(x[5m]) < 0.98" }]));
    expect(bad.ok).toBe(false);
    expect(bad.output).toMatch(/corrected\.yml/);
  });
});
