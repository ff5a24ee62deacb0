/**
 * The console's smoke test in a terminal (runbook §1): replaces the platform's `make smoke`.
 * Exit 0 when nothing failed, 1 when something failed or errored, 2 on bad configuration or usage.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { formatConfigProblems, parsePlatformEnv } from "../lib/config/platform-env";
import { createPlatformClient } from "../lib/upstream/client";
import { runSmoke } from "../lib/smoke/run";
import { formatReport, okFailCounts } from "../lib/smoke/format-text";
import { toJUnitXml } from "../lib/smoke/junit";
import { sloSchemesFromDefinitions } from "../lib/smoke/checks/metrics";
import { loadSloDefinitionsFile } from "../lib/slo/definitions";
import { hasRuleSource } from "../lib/alert-rules/report";

const HELP = `Usage: npm run smoke -- [options]

Runs every smoke check of the DotMac platform concurrently and prints what each one saw.

Configuration comes from the runbook's variables (the runbook appendix block works as is):
  ADMIN_BASE_URL, RESELLER_BASE_URL, TENANT_BASE_URL, MGMT_API_URL, TENANT_SLUG, API_VERSION
  optional: MGMT_API_TOKEN, UPSTREAM_TIMEOUT_MS, HEALTH_TIMEOUT_MS, VAULT_ADDR (adds the OpenBao/Vault check),
  PROMETHEUS_URL or ALERT_RULE_FILES (adds "alerts able to fire: N of M", runbook §6)

Options:
  --json            print the report as JSON only
  --junit FILE      also write JUnit XML to FILE (for CI)
  --isolation       also check tenant isolation: unsupported API version → 400, malformed X-Tenant-ID → 403
  --timeout-ms N    budget of each check in milliseconds (default: UPSTREAM_TIMEOUT_MS, health checks ≥ HEALTH_TIMEOUT_MS)
  --help            show this help

Exit status: 0 nothing failed (warnings allowed), 1 a check failed or got no answer, 2 bad configuration or usage.
NO_COLOR or a non-terminal output turns colours off.`;

function usageError(message: string): never {
  process.stderr.write(`smoke: ${message}\nTry --help.\n`);
  process.exit(2);
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        json: { type: "boolean", default: false },
        junit: { type: "string" },
        isolation: { type: "boolean", default: false },
        "timeout-ms": { type: "string" },
        help: { type: "boolean", default: false },
      },
      allowPositionals: false,
    }).values;
  } catch (e) {
    return usageError(e instanceof Error ? e.message : String(e));
  }
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  let timeoutMs: number | undefined;
  if (args["timeout-ms"] !== undefined) {
    timeoutMs = Number(args["timeout-ms"]);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 50 || timeoutMs > 120_000) usageError("--timeout-ms must be a whole number from 50 to 120000");
  }

  const env = parsePlatformEnv(process.env);
  if (!env.ok) {
    process.stderr.write(`${formatConfigProblems(env.problems)}\n`);
    return 2;
  }
  const { vaultAddr, ...config } = env.value;
  const client = createPlatformClient({ ...config, fetch: globalThis.fetch });
  // The SLO series /metrics must carry are the ones the console's shipped definitions read.
  const definitions = await loadSloDefinitionsFile(fileURLToPath(new URL("../lib/slo/definitions/dotmac.yaml", import.meta.url))).catch(() => null);
  const sloSchemes = definitions?.ok ? sloSchemesFromDefinitions(definitions.definitions) : undefined;
  // Alert rules are judged from Prometheus (PROMETHEUS_URL) or rule files (ALERT_RULE_FILES, comma-separated globs).
  const ruleSource = { prometheusUrl: process.env.PROMETHEUS_URL?.trim() || undefined, ruleFiles: (process.env.ALERT_RULE_FILES ?? "").split(",").map((f) => f.trim()).filter(Boolean) };
  const alertRules = hasRuleSource(ruleSource) && definitions?.ok
    ? { source: ruleSource, defs: definitions.definitions, scrapeIntervalSeconds: Number(process.env.SCRAPE_INTERVAL_S) || 15 }
    : undefined;
  const report = await runSmoke(client, {
    alertRules,
    includeIsolation: args.isolation,
    perCheckTimeoutMs: timeoutMs,
    sloSchemes,
    vault: vaultAddr ? { addr: vaultAddr, fetch: globalThis.fetch } : undefined,
  });

  if (args.junit) {
    try {
      writeFileSync(args.junit, toJUnitXml(report));
    } catch (e) {
      process.stderr.write(`smoke: could not write JUnit file ${args.junit}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
  }
  if (args.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
    process.stdout.write(`${formatReport(report, colour)}\n`);
    if (!alertRules) process.stdout.write("alerts able to fire: not checked (set PROMETHEUS_URL or ALERT_RULE_FILES)\n");
  }
  return okFailCounts(report).fail === 0 ? 0 : 1;
}

// Exit explicitly: a check given up on may still hold a socket open until its request times out.
main().then(
  (code) => process.stdout.write("", () => process.exit(code)),
  (e: unknown) => {
    process.stderr.write(`smoke: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
