import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, SCENARIOS } from "@/sim/server";
import { CHECK_IDS, SCENARIO_EXPECTATIONS, failsRun } from "@/lib/smoke/scenario-expectations";

const TSX = join(process.cwd(), "node_modules/.bin/tsx");
const SCRIPT = join(process.cwd(), "scripts/smoke.ts");

type Sim = Awaited<ReturnType<typeof startSimulator>>;
type CliRun = { code: number | null; stdout: string; stderr: string };
// Scenarios are global to a simulator: a few simulators let CLI runs overlap (each spawn costs ~2 s of start-up).
const LANES = 3;
let sims: Sim[] = [];
let sim: Sim;
let dir: string;
const scenarioRuns = new Map<string, CliRun>();

beforeAll(async () => {
  sims = await Promise.all(Array.from({ length: LANES }, () => startSimulator({ portBase: 0, static: true })));
  sim = sims[0]!;
  dir = mkdtempSync(join(tmpdir(), "smoke-cli-"));
  const queues = sims.map((_, lane) => SCENARIOS.filter((_s, i) => i % LANES === lane));
  await Promise.all(
    queues.map(async (queue, lane) => {
      const laneSim = sims[lane]!;
      for (const scenario of queue) {
        const exp = SCENARIO_EXPECTATIONS[scenario]!;
        laneSim.setScenario(scenario, "all", { latencyMs: exp.latencyMs ?? 3000 });
        const args = ["--isolation", "--junit", join(dir, `${scenario}.xml`), ...(exp.timeoutMs ? ["--timeout-ms", String(exp.timeoutMs)] : [])];
        scenarioRuns.set(scenario, await runCli(args, runbookEnv(laneSim, exp.cliEnv)));
      }
    }),
  );
}, 180_000);
afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** The runbook appendix block, pointed at the simulator. Nothing else leaks in from the test's environment. */
function runbookEnv(target: Sim, over: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    ADMIN_BASE_URL: target.urls.admin,
    RESELLER_BASE_URL: target.urls.reseller,
    TENANT_BASE_URL: target.urls.tenant,
    MGMT_API_URL: target.urls.mgmt,
    TENANT_SLUG: "acme",
    API_VERSION: "v1",
    ...over,
  };
}

// Async spawn: the simulator lives in this process and must keep answering while the CLI runs.
function runCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [SCRIPT, ...args], { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const killer = setTimeout(() => child.kill("SIGKILL"), 25_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A small well-formedness check (balanced tags, escaped text and attributes); returns element counts. */
function parseXml(xml: string): Record<string, number> {
  const token = /<\?xml[^?]*\?>|<\/([A-Za-z][\w.-]*)\s*>|<([A-Za-z][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  const stack: string[] = [];
  const counts: Record<string, number> = {};
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = token.exec(xml))) {
    end = token.lastIndex;
    const [, close, open, attrs, selfClose, text] = m;
    const escapedOk = (s: string) => !/&(?!(?:amp|lt|gt|quot|apos);)/.test(s);
    if (close) {
      if (stack.pop() !== close) throw new Error(`unbalanced </${close}>`);
    } else if (open) {
      if (!escapedOk(attrs ?? "")) throw new Error(`unescaped & in <${open}> attributes`);
      counts[open] = (counts[open] ?? 0) + 1;
      if (!selfClose) stack.push(open);
    } else if (text !== undefined && !escapedOk(text)) throw new Error(`unescaped & in text`);
  }
  if (end !== xml.length) throw new Error(`not well-formed at offset ${end}: ${xml.slice(end, end + 40)}`);
  if (stack.length) throw new Error(`unclosed <${stack.join("><")}>`);
  return counts;
}

const LABEL = { pass: "PASS", warn: "WARN", fail: "FAIL", error: "ERROR" } as const;

describe("smoke CLI against every simulator scenario", () => {
  for (const scenario of SCENARIOS) {
    it(scenario, async () => {
      const exp = SCENARIO_EXPECTATIONS[scenario]!;
      const junit = join(dir, `${scenario}.xml`);
      const { code, stdout, stderr } = scenarioRuns.get(scenario)!;
      expect(stderr).toBe("");

      const rows = new Map<string, string>();
      const summaries = new Map<string, string>();
      for (const line of stdout.split("\n")) {
        const m = /^(PASS|WARN|FAIL|ERROR)\s+\S+\s+(\S+)\s+§\d+(?:, §\d+)*\s+(\S.*)$/.exec(line);
        if (m) {
          rows.set(m[2]!, m[1]!);
          summaries.set(m[2]!, m[3]!);
        }
      }
      expect([...rows.keys()]).toEqual([...CHECK_IDS]);
      for (const id of CHECK_IDS) {
        const failure = exp.mayFail?.[id];
        const allowed = (failure ? [exp.verdicts[id], "fail" as const] : [exp.verdicts[id]]).map((v) => LABEL[v]);
        expect(allowed, `${scenario} ${id}`).toContain(rows.get(id));
        if (rows.get(id) === "FAIL" && exp.verdicts[id] !== "fail") expect(summaries.get(id), `${scenario} ${id}: why it may fail`).toMatch(failure!);
      }
      const failed = [...rows.values()].filter((v) => v === "FAIL" || v === "ERROR").length;
      expect(stdout).toContain(`=== Results: ${CHECK_IDS.length - failed} OK, ${failed} FAIL ===`);
      expect(code).toBe(failed > 0 ? 1 : 0);
      if (!exp.mayFail) expect(code).toBe(failsRun(exp.verdicts) ? 1 : 0);
      // The warnings line names exactly the checks that warned, and is absent when none did.
      const warned = CHECK_IDS.filter((id) => rows.get(id) === "WARN");
      expect(/^Warnings \(counted as OK\): (.*)$/m.exec(stdout)?.[1] ?? null).toBe(warned.length ? warned.join(", ") : null);
      expect(stdout).not.toContain("\x1b[");

      const counts = parseXml(readFileSync(junit, "utf8"));
      expect(counts.testcase).toBe(CHECK_IDS.length);
      expect((counts.failure ?? 0) + (counts.error ?? 0)).toBe(failed);
    });
  }

  it("--json prints the report and nothing else", async () => {
    sim.setScenario("redis-down");
    const { code, stdout } = await runCli(["--json"], runbookEnv(sim));
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { results: { id: string; verdict: string; summary: string }[]; summary: Record<string, number> };
    expect(report.results.find((r) => r.id === "mgmt.bgops")).toMatchObject({ verdict: "fail", summary: "500 text/plain from bgops: Internal Server Error — bgops cannot reach Redis: the Redis client is not importable or Redis is down." });
    expect(report.summary.fail).toBe(1);
  });

  it("exits 2 naming the variable when the configuration is bad, before calling anything", async () => {
    sim.setScenario("healthy");
    sim.resetRequestCount();
    const { code, stdout, stderr } = await runCli([], runbookEnv(sim, { MGMT_API_URL: "ftp://x" }));
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toEqual([expect.stringMatching(/^Configuration error: MGMT_API_URL="ftp:\/\/x" must be an http\(s\) URL/)]);
    expect(sim.requestCount()).toBe(0);
  });

  it("exits 2 on an unknown option and prints usage on --help", async () => {
    expect((await runCli(["--frobnicate"], runbookEnv(sim))).code).toBe(2);
    const help = await runCli(["--help"], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--junit FILE");
  });

  it("adds the Vault check when VAULT_ADDR is set, and fails it when nothing answers there", async () => {
    sim.setScenario("healthy");
    const { code, stdout } = await runCli(["--timeout-ms", "1500"], runbookEnv(sim, { VAULT_ADDR: "http://127.0.0.1:1" }));
    expect(code).toBe(1);
    expect(stdout).toMatch(/^ERROR\s+vault\s+vault\.health\s+§8\s+unreachable/m);
  });
});
