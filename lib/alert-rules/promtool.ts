/** `promtool check rules` over the corrected rules, so a proposed fix is one Prometheus would load. */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { stringify } from "yaml";
import type { FixedRule } from "./judge";

export const PROMTOOL = "/usr/bin/promtool";

export type PromtoolResult = { ok: true; output: string } | { ok: false; output: string } | { ok: null; output: string };

export function fixedRulesYaml(rules: readonly FixedRule[], group = "console_corrected"): string {
  return stringify({ groups: [{ name: group, rules: rules.map((r) => ({ alert: r.alert, expr: r.expr, for: r.for, labels: r.labels, annotations: r.annotations })) }] }, { lineWidth: 0 });
}

export async function checkRules(yamlText: string): Promise<PromtoolResult> {
  if (!existsSync(PROMTOOL)) return { ok: null, output: `${PROMTOOL} not installed: the fixes were not checked` };
  const dir = await mkdtemp(path.join(tmpdir(), "rule-check-"));
  try {
    const file = path.join(dir, "corrected.yml");
    await writeFile(file, yamlText);
    return await new Promise<PromtoolResult>((resolve) => {
      execFile(PROMTOOL, ["check", "rules", file], { timeout: 15_000 }, (err, stdout, stderr) => {
        const output = `${stdout}${stderr}`.replaceAll(file, "corrected.yml").trim();
        resolve(err ? { ok: false, output } : { ok: true, output });
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
