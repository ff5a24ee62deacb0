/**
 * The generated rules in a real Prometheus scraping the simulator: every rule loads and evaluates without
 * error, and the console's own alert-coverage check (runbook §6) calls every SLO covered by a burn-rate alert.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { sloRulesYaml } from "@/lib/alerts/slo-rules";
import { alertCoverage, readAlertRules } from "@/lib/slo/alert-rules";
import { loadSloDefinitionsFile, type SloDefinition } from "@/lib/slo/definitions";
import { startPrometheus, type ThrowawayPrometheus } from "@/lib/testing/prometheus";
import { startSimulator, type RunningSim } from "@/sim/server";

let sim: RunningSim;
let prom: ThrowawayPrometheus;
let defs: SloDefinition[];

interface RulesBody { data: { groups: { rules: { name: string; type: string; health: string; lastError?: string; lastEvaluation: string }[] }[] } }
const rulesNow = async () => ((await (await fetch(`${prom.url}/api/v1/rules`)).json()) as RulesBody).data.groups.flatMap((g) => g.rules);

beforeAll(async () => {
  const loaded = await loadSloDefinitionsFile();
  if (!loaded.ok) throw new Error("shipped definitions invalid");
  defs = loaded.definitions;
  sim = await startSimulator({ portBase: 0 });
  prom = await startPrometheus({ targets: [new URL(sim.urls.mgmt).host], rulesYaml: sloRulesYaml(defs, { consoleUrl: "http://127.0.0.1:3000" }) });
  // Loaded and evaluated at least once (lastEvaluation is the zero time before that).
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const rules = await rulesNow();
    if (rules.length > 0 && rules.every((r) => !r.lastEvaluation.startsWith("0001"))) break;
    await new Promise((r) => setTimeout(r, 250));
  }
}, 60_000);

afterAll(async () => {
  await prom?.stop();
  await sim?.close();
});

test("every generated rule loads and evaluates without error", async () => {
  const rules = await rulesNow();
  expect(rules).toHaveLength(defs.length * 7);
  expect(rules.filter((r) => r.health !== "ok").map((r) => `${r.name}: ${r.lastError}`)).toEqual([]);
});

test("the recording rules yield an error ratio for every SLO once the simulator has been scraped", async () => {
  const deadline = Date.now() + 20_000;
  let missing: string[] = [];
  while (Date.now() < deadline) {
    const res = await fetch(`${prom.url}/api/v1/query?query=${encodeURIComponent('{__name__=~"slo:.*:error_ratio_rate5m"}')}`);
    const body = (await res.json()) as { data: { result: { metric: Record<string, string> }[] } };
    const seen = new Set(body.data.result.map((r) => r.metric.slo));
    missing = defs.map((d) => d.id).filter((id) => !seen.has(id));
    if (missing.length === 0) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  expect(missing).toEqual([]);
}, 30_000);

test("the alert-coverage check reports full burn-rate coverage for the generated rules", async () => {
  const coverage = alertCoverage(defs, await readAlertRules(fetch, prom.url));
  expect(coverage.filter((c) => !c.hasBurnRateAlert).map((c) => c.sloId)).toEqual([]);
  // Each SLO is covered by its own page and ticket alerts, not by every alert in the file.
  for (const c of coverage) expect(c.alerts.map((a) => a.labels.slo)).toEqual([c.sloId, c.sloId]);
});
