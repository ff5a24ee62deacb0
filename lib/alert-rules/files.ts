/** ALERT_RULE_FILES: comma-separated paths or globs (`*` and `?` in the file name) of Prometheus rule files. */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parseRuleFile, type RuleSet } from "./rule-file";

export function splitPatterns(value: string): string[] {
  return value.split(",").map((s) => s.trim()).filter(Boolean);
}

function globToRegExp(pattern: string): RegExp {
  const body = [...pattern].map((c) => (c === "*" ? "[^/]*" : c === "?" ? "[^/]" : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("");
  return new RegExp(`^${body}$`);
}

/** Files a pattern names, sorted; a wildcard is only honoured in the last path segment. */
export async function expandPattern(pattern: string, cwd: string): Promise<string[]> {
  const abs = path.resolve(cwd, pattern);
  const base = path.basename(abs);
  const dir = path.dirname(abs);
  if (/[*?]/.test(dir)) throw new Error(`ALERT_RULE_FILES: "${pattern}": wildcards are only supported in the file name`);
  if (!/[*?]/.test(base)) return [abs];
  const re = globToRegExp(base);
  const names = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    throw new Error(`ALERT_RULE_FILES: cannot list ${dir} (${err.code ?? err.message})`);
  });
  return names.filter((n) => re.test(n)).sort().map((n) => path.join(dir, n));
}

export async function readRuleFiles(patterns: readonly string[], cwd = process.cwd()): Promise<RuleSet & { files: string[] }> {
  const files = [...new Set((await Promise.all(patterns.map((p) => expandPattern(p, cwd)))).flat())];
  if (files.length === 0) throw new Error(`ALERT_RULE_FILES: no file matches ${patterns.join(", ")}`);
  const out: RuleSet & { files: string[] } = { rules: [], recordings: [], files };
  for (const file of files) {
    const text = await readFile(file, "utf8").catch((err: NodeJS.ErrnoException) => {
      throw new Error(`ALERT_RULE_FILES: cannot read ${file} (${err.code ?? err.message})`);
    });
    const parsed = parseRuleFile(text, file);
    if (!parsed.ok) throw new Error(`ALERT_RULE_FILES: ${parsed.error}`);
    out.rules.push(...parsed.value.rules);
    out.recordings.push(...parsed.value.recordings);
  }
  return out;
}
