/**
 * The generated rule file, judged by the real promtool: `check rules` accepts it for both naming schemes,
 * and `test rules` shows every SLO's page and ticket alert firing and staying quiet on crafted series.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { stringify } from "yaml";
import { burnAlertName, errorRatioExpr, sloRulesYaml, WORKBOOK_WINDOWS } from "@/lib/alerts/slo-rules";
import { loadSloDefinitionsFile, type SloDefinition } from "@/lib/slo/definitions";
import type { Matcher, Selector } from "@/lib/slo/selector";

const run = promisify(execFile);
let dir: string;
let defs: SloDefinition[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "slo-rules-"));
  const loaded = await loadSloDefinitionsFile();
  if (!loaded.ok) throw new Error("shipped definitions invalid");
  defs = loaded.definitions;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function promtool(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run("/usr/bin/promtool", args, { cwd: dir, timeout: 60_000 });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, out: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

describe("promtool check rules", () => {
  for (const scheme of ["A", "B"] as const) {
    test(`accepts the rules for scheme ${scheme}`, async () => {
      const mine = defs.filter((d) => d.scheme === scheme);
      const file = path.join(dir, `scheme-${scheme}.yml`);
      await writeFile(file, sloRulesYaml(mine, { consoleUrl: "https://oncall.example.com" }));
      const r = await promtool("check", "rules", file);
      expect(r.out).toContain("SUCCESS");
      // 5 windows → 5 recording rules per SLO, plus a page and a ticket alert each.
      expect(r.out).toContain(`${mine.length * 7} rules found`);
      expect(r.code).toBe(0);
    });
  }

  test("rejects a broken file (the check can fail)", async () => {
    const file = path.join(dir, "broken.yml");
    await writeFile(file, sloRulesYaml(defs.slice(0, 1)).replace("sum(rate(", "sum(rate(("));
    expect((await promtool("check", "rules", file)).code).not.toBe(0);
  });
});

/** A label value that the matcher accepts (or, with `negate`, rejects). */
function valueFor(m: Matcher, negate = false): string {
  if (negate) return "__other";
  if (m.op === "=") return m.value;
  const candidate = m.value.replace(/\\(.)/g, "$1").replace(/\.\*|\.\+/g, "x").replace(/\./g, "0").replace(/\|.*$/, "");
  if (m.op !== "=~" || !new RegExp(`^(?:${m.value})$`).test(candidate)) throw new Error(`cannot craft a value for ${JSON.stringify(m)}`);
  return candidate;
}

const series = (metric: string, labels: Record<string, string>) =>
  `${metric}{${Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(",")}}`;
const labelsOf = (sel: Selector, negate = false) => Object.fromEntries(sel.matchers.map((m) => [m.label, valueFor(m, negate)]));

function values(segments: [number, number, number][], pick: (total: number, bad: number) => number): string {
  // "0+10x60 610+0x30" style: start value, then the step per sample.
  let at = 0;
  const parts: string[] = [];
  for (const [mins, total, bad] of segments) {
    const step = pick(total, bad);
    parts.push(`${at}+${step}x${mins}`);
    at += step * (mins + 1);
  }
  return parts.join(" ");
}

/** Input series for one SLO, given [samples, events/sample, bad events/sample] segments. */
function inputSeries(def: SloDefinition, segments: [number, number, number][]) {
  const i = def.indicator;
  const good = values(segments, (t, b) => t - b);
  const bad = values(segments, (_t, b) => b);
  const total = values(segments, (t) => t);
  if (i.kind === "ratio") {
    if (i.good.metric === i.total.metric) {
      return [
        { series: series(i.good.metric, { ...labelsOf(i.total), ...labelsOf(i.good) }), values: good },
        { series: series(i.good.metric, { ...labelsOf(i.total), ...labelsOf(i.good, true) }), values: bad },
      ];
    }
    return [
      { series: series(i.good.metric, labelsOf(i.good)), values: good },
      { series: series(i.total.metric, labelsOf(i.total)), values: total },
    ];
  }
  if (i.kind === "error_ratio") {
    if (i.bad.metric === i.total.metric) {
      return [
        { series: series(i.bad.metric, { ...labelsOf(i.total), ...labelsOf(i.bad) }), values: bad },
        { series: series(i.bad.metric, { ...labelsOf(i.total), ...labelsOf(i.bad, true) }), values: good },
      ];
    }
    return [
      { series: series(i.bad.metric, labelsOf(i.bad)), values: bad },
      { series: series(i.total.metric, labelsOf(i.total)), values: total },
    ];
  }
  // Python clients print an integer bucket bound as "2.0"; the rule must match it.
  const le = Number.isInteger(i.thresholdSeconds) ? i.thresholdSeconds.toFixed(1) : String(i.thresholdSeconds);
  const base = labelsOf(i.histogram);
  return [
    { series: series(`${i.histogram.metric}_bucket`, { ...base, le }), values: good },
    { series: series(`${i.histogram.metric}_bucket`, { ...base, le: "+Inf" }), values: total },
  ];
}

function expectedAlert(def: SloDefinition, severity: "page" | "ticket") {
  const windows = WORKBOOK_WINDOWS.filter((w) => w.severity === severity).map((w) => `${w.long}/${w.short}`).join(",");
  return {
    exp_labels: { severity, slo: def.id, slo_scheme: def.scheme, runbook_section: String(def.runbookSection), burn_windows: windows },
  };
}

describe("promtool test rules: each alert fires and stays quiet on crafted series", () => {
  const testsFor = (def: SloDefinition, rulesFile: string) => {
    const budget = 1 - def.objective;
    const fast = Math.min(0.9, 20 * budget); // ≥ 18× budget: above 14.4
    const slow = 2 * budget; // 2×: above the ticket's 1×, below the pages' 6×
    const page = burnAlertName(def, "page");
    const ticket = burnAlertName(def, "ticket");
    const at = (segments: [number, number, number][], expect: { page: boolean; ticket: boolean }, name: string) => ({
      name: `${def.id}: ${name}`,
      interval: "2m",
      input_series: inputSeries(def, segments),
      alert_rule_test: [
        { eval_time: "7h", alertname: page, exp_alerts: expect.page ? [expectedAlert(def, "page")] : [] },
        { eval_time: "7h", alertname: ticket, exp_alerts: expect.ticket ? [expectedAlert(def, "ticket")] : [] },
      ],
    });
    return {
      rule_files: [rulesFile],
      evaluation_interval: "2m",
      tests: [
        at([[215, 1000, 0]], { page: false, ticket: false }, "healthy"),
        at([[215, 1000, Math.round(1000 * fast)]], { page: true, ticket: true }, "fast burn pages"),
        at([[215, 1000, Math.round(1000 * slow)]], { page: false, ticket: true }, "slow burn opens a ticket only"),
        // Errors for 6 h, then 40 min clean: the long windows still burn, the short ones (5m, 30m) reset the page.
        at([[190, 1000, Math.round(1000 * fast)], [25, 1000, 0]], { page: false, ticket: true }, "burst over: no page"),
      ],
    };
  };

  // One rule file per SLO: promtool evaluates every rule of its files for every test, every interval.
  test("every shipped SLO, both schemes", async () => {
    expect(new Set(defs.map((d) => d.scheme))).toEqual(new Set(["A", "B"]));
    for (const def of defs) {
      const rulesFile = path.join(dir, `rules-${def.id}.yml`);
      await writeFile(rulesFile, sloRulesYaml([def], { annotations: false }));
      const file = path.join(dir, `tests-${def.id}.yml`);
      await writeFile(file, stringify(testsFor(def, rulesFile), { lineWidth: 0 }));
      const r = await promtool("test", "rules", file);
      expect(r.out, `${def.id}\n${r.out}`).toContain("SUCCESS");
      expect(r.code).toBe(0);
    }
  }, 120_000);

  test("the same crafted series catch a wrong threshold (the unit tests can fail)", async () => {
    // Mutation: both page factors → 30; an 18× burn must then not page, and the expectation fails.
    const rulesFile = path.join(dir, "mutant.yml");
    const def = defs.find((d) => d.id === "a-login-success")!;
    const windows = [{ ...WORKBOOK_WINDOWS[0]!, factor: 30 }, { ...WORKBOOK_WINDOWS[1]!, factor: 30 }, WORKBOOK_WINDOWS[2]!];
    await writeFile(rulesFile, sloRulesYaml([def], { annotations: false, windows }));
    const file = path.join(dir, "mutant-tests.yml");
    const tests = [{
      name: "fast burn",
      interval: "2m",
      input_series: inputSeries(def, [[215, 1000, 360]]),
      alert_rule_test: [{ eval_time: "7h", alertname: burnAlertName(def, "page"), exp_alerts: [{ exp_labels: { ...expectedAlert(def, "page").exp_labels, burn_windows: "1h/5m,6h/30m" } }] }],
    }];
    await writeFile(file, stringify({ rule_files: [rulesFile], evaluation_interval: "2m", tests }, { lineWidth: 0 }));
    const r = await promtool("test", "rules", file);
    expect(r.code, r.out).not.toBe(0);
  }, 60_000);
});

test("a latency SLO counts requests above the threshold's bucket as errors, in either le spelling", () => {
  const def = defs.find((d) => d.id === "a-login-latency")!;
  const expr = errorRatioExpr(def, "5m");
  expect(expr).toContain('dotmac_management_login_duration_seconds_bucket{le=~"2|2\\\\.0"}');
  expect(expr).toContain('dotmac_management_login_duration_seconds_bucket{le="+Inf"}');
});

test("labels and annotations link the console's SLO and runbook pages", () => {
  const def = defs.find((d) => d.id === "b-login-success")!;
  const yaml = sloRulesYaml([def], { consoleUrl: "https://oncall.example.com/" });
  expect(yaml).toContain("slo_url: https://oncall.example.com/slo#slo-b-login-success");
  expect(yaml).toContain("runbook_url: https://oncall.example.com/runbook#section-3");
  expect(yaml).toContain('runbook_section: "3"');
  expect(yaml).toMatch(/alert: SLOBurnBLoginSuccessPage[\s\S]*severity: page/);
  expect(yaml).toMatch(/alert: SLOBurnBLoginSuccessTicket[\s\S]*severity: ticket/);
  expect(yaml).toContain("14.4 * (1 - 0.99)");
});
