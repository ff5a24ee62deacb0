/** `npm run slo:rules` as an operator runs it: the file it writes passes promtool; bad definitions exit 2. */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, test } from "vitest";

const run = promisify(execFile);
const TSX = join(process.cwd(), "node_modules/.bin/tsx");
const dir = mkdtempSync(join(tmpdir(), "slo-rules-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(TSX, ["scripts/slo-rules.ts", ...args], { env: { ...process.env, ...env }, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test("--out writes a rule file promtool accepts, linking to NEXTAUTH_URL", async () => {
  const out = join(dir, "rules.yml");
  const r = await cli(["--out", out], { NEXTAUTH_URL: "https://oncall.example.com" });
  expect(r.code).toBe(0);
  expect(r.stderr).toContain("wrote 10 SLOs' rules");
  const check = await run("/usr/bin/promtool", ["check", "rules", out]);
  expect(check.stdout).toContain("SUCCESS: 70 rules found");
}, 60_000);

test("invalid definitions: exit 2 with the file line and field", async () => {
  const bad = join(dir, "bad.yaml");
  writeFileSync(bad, "apiVersion: dotmac.console/v1\nkind: SLOList\nslos:\n  - id: x\n    name: X\n    scheme: A\n    objective: 1.5\n    period: 30d\n    runbookSection: 3\n    indicator:\n      ratio: { good: 'a', total: 'b' }\n");
  const r = await cli(["--definitions", bad]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/bad\.yaml:7 slos\[0\]\.objective/);
  expect(r.stdout).toBe("");
}, 60_000);
