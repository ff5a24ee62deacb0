import "server-only";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import { backtest, type Backtest } from "@/lib/alert-rules/backtest";
import { COVERAGE_LABEL, type CoverageStatus, type SloAlertStatus } from "@/lib/alert-rules/coverage";
import { exposedSeries } from "@/lib/alert-rules/exposed";
import { queryRange } from "@/lib/alert-rules/prometheus";
import { checkRules, fixedRulesYaml, type PromtoolResult } from "@/lib/alert-rules/promtool";
import { ableSummary, coverageOf, hasRuleSource, judgeRuleSet, loadRules, type LoadedRules, type RuleSource, type RuleVerdict } from "@/lib/alert-rules/report";
import type { SloDefinition } from "@/lib/slo/definitions";
import { sloSeries } from "@/lib/slo/evaluate";
import { authorize, parseInput } from "@/lib/server/access";
import { coalesced, getPlatformClient } from "@/lib/server/platform";
import { getMetricSource, getSloDefinitions } from "@/lib/server/slo";

const H = 3_600_000;
export const ALERT_RULE_WINDOWS = { "15m": H / 4, "1h": H, "6h": 6 * H, "24h": 24 * H } as const;
export type AlertRuleWindow = keyof typeof ALERT_RULE_WINDOWS;
export const ALERT_RULE_WINDOW_NAMES = Object.keys(ALERT_RULE_WINDOWS) as [AlertRuleWindow, ...AlertRuleWindow[]];

export interface RuleReport extends RuleVerdict {
  backtest: Backtest | null;
}

export interface AlertRulesReport {
  window: AlertRuleWindow;
  evaluatedAt: number;
  /** null when neither PROMETHEUS_URL nor ALERT_RULE_FILES is set. */
  source: { kind: LoadedRules["kind"]; label: string } | null;
  /** The rules could not be read: shown as such, never as "no rules". */
  error: string | null;
  exposed: { ok: true; metricNames: number } | { ok: false; error: string };
  scrapeInterval: { seconds: number; from: string };
  /** Why rules were not back-tested, when they were not. */
  backtestNote: string | null;
  rules: RuleReport[];
  slos: (SloAlertStatus & { name: string; label: string })[];
  summary: { able: number; total: number };
  fixes: { yaml: string; promtool: PromtoolResult } | null;
}

export function alertRuleSource(): RuleSource {
  const env = getEnv().console;
  return { prometheusUrl: env.prometheusUrl, ruleFiles: env.alertRuleFiles };
}

async function definitions(): Promise<SloDefinition[]> {
  const d = await getSloDefinitions();
  if (!d.ok) throw new ApiError("not_configured", `The SLO definitions are invalid: ${d.message}`);
  return d.definitions;
}

/** The platform's /metrics as name → label sets, for "no such series". */
async function exposed(): Promise<{ map: Map<string, Record<string, string>[]> | null; view: AlertRulesReport["exposed"] }> {
  try {
    const obs = await getPlatformClient().probe("mgmt", "/metrics");
    if (obs.status !== 200) return { map: null, view: { ok: false, error: `/metrics answered ${obs.status}: series were not checked` } };
    const map = exposedSeries(obs.bodyText);
    return { map, view: { ok: true, metricNames: map.size } };
  } catch (err) {
    return { map: null, view: { ok: false, error: `/metrics unreachable (${(err as Error).message}): series were not checked` } };
  }
}

/** Loads and judges every rule; statuses per SLO without back-testing (what /slo and the runbook show). */
async function judged(defs: SloDefinition[]) {
  const src = alertRuleSource();
  const loaded = await loadRules(src);
  const ex = await exposed();
  const env = getEnv().console;
  const scrapeInterval =
    loaded.kind === "prometheus" && loaded.scrapeIntervalSeconds
      ? { seconds: loaded.scrapeIntervalSeconds, from: "Prometheus's targets" }
      : { seconds: env.scrapeIntervalMs / 1000, from: "SCRAPE_INTERVAL_S (Prometheus's own interval unknown)" };
  const { rules, bySlo } = judgeRuleSet(loaded.set, defs, { exposed: ex.map, scrapeIntervalSeconds: scrapeInterval.seconds });
  return { loaded, ex, scrapeInterval, rules, bySlo };
}

async function runBacktests(defs: SloDefinition[], rules: RuleVerdict[], windowMs: number): Promise<Map<number, Backtest | null>> {
  const base = getEnv().console.prometheusUrl!;
  const to = Date.now();
  const from = to - windowMs;
  const stepMs = Math.max(5_000, Math.ceil(windowMs / 240 / 1000) * 1000);
  const source = await getMetricSource();
  const query = (q: string, f: number, t: number, s: number) => queryRange({ baseUrl: base, fetch: globalThis.fetch, timeoutMs: 10_000 }, q, f, t, s);
  const out = new Map<number, Backtest | null>();
  await Promise.all(
    rules.map(async (r, i) => {
      const def = defs.find((d) => d.id === r.sloIds[0]);
      if (!def || r.judgement.problems.some((p) => p.code === "parse")) return;
      const sloPoints = await sloSeries(def, source, { from, to, maxPoints: 240 });
      out.set(i, await backtest({ sloId: def.id, objective: def.objective, expr: r.rule.expr, fixedExpr: r.judgement.fixed?.expr ?? null, sloPoints, from, to, stepMs, query }));
    }),
  );
  return out;
}

const labelled = (defs: SloDefinition[], slos: SloAlertStatus[]) =>
  slos.map((s) => ({ ...s, name: defs.find((d) => d.id === s.sloId)?.name ?? s.sloId, label: COVERAGE_LABEL[s.status] }));

export async function buildAlertRulesReport(window: AlertRuleWindow): Promise<AlertRulesReport> {
  const defs = await definitions();
  const evaluatedAt = Date.now();
  const empty = { window, evaluatedAt, exposed: { ok: false as const, error: "not read" }, scrapeInterval: { seconds: 0, from: "" }, backtestNote: null, rules: [], slos: [], summary: { able: 0, total: 0 }, fixes: null };
  if (!hasRuleSource(alertRuleSource())) return { ...empty, source: null, error: null };
  let j: Awaited<ReturnType<typeof judged>>;
  try {
    j = await judged(defs);
  } catch (err) {
    const src = alertRuleSource();
    const kind = src.prometheusUrl ? "prometheus" : "files";
    return { ...empty, source: { kind, label: kind === "prometheus" ? "Prometheus (/api/v1/rules)" : "ALERT_RULE_FILES" }, error: (err as Error).message };
  }
  let backtests = new Map<number, Backtest | null>();
  let backtestNote: string | null = null;
  if (j.loaded.kind !== "prometheus") backtestNote = "not back-tested: set PROMETHEUS_URL so the console can evaluate the rules over the recent past";
  else {
    try {
      backtests = await runBacktests(defs, j.rules, ALERT_RULE_WINDOWS[window]);
    } catch (err) {
      backtestNote = `back-test failed: ${(err as Error).message}`;
    }
  }
  const slos = coverageOf(defs, j.rules, j.bySlo, backtests);
  const fixed = j.rules.flatMap((r) => (r.judgement.fixed ? [r.judgement.fixed] : []));
  const yaml = fixed.length ? fixedRulesYaml(fixed) : null;
  const { able, total } = ableSummary(j.rules, slos);
  return {
    window,
    evaluatedAt,
    source: { kind: j.loaded.kind, label: j.loaded.label },
    error: null,
    exposed: j.ex.view,
    scrapeInterval: j.scrapeInterval,
    backtestNote,
    rules: j.rules.map((r, i) => ({ ...r, backtest: backtests.get(i) ?? null })),
    slos: labelled(defs, slos),
    summary: { able, total },
    fixes: yaml ? { yaml, promtool: await checkRules(yaml) } : null,
  };
}

const windowInput = z.object({ window: z.enum(ALERT_RULE_WINDOW_NAMES).default("1h") });

/** GET /api/slo/alerts and the /slo/alerts page (viewer): every rule judged and back-tested, coalesced per window. */
export async function getAlertRulesReport(input: { window?: string }): Promise<AlertRulesReport & { fetchedAt: number }> {
  await authorize("viewer");
  const { window } = parseInput(windowInput, { window: input.window || undefined }, "query");
  const { value, fetchedAt } = await coalesced(`alert-rules ${window}`, () => buildAlertRulesReport(window));
  return { ...value, fetchedAt };
}

export interface SloCoverageLine {
  status: CoverageStatus;
  label: string;
  why: string;
}

/** Each SLO's coverage as judged without back-testing (the /slo cards and the runbook's §6 step). */
export async function sloCoverageLines(defs: SloDefinition[]): Promise<{ count: number; able: number; bySlo: Map<string, SloCoverageLine>; rules: LoadedRules }> {
  const j = await judged(defs);
  const slos = coverageOf(defs, j.rules, j.bySlo);
  return { count: j.rules.length, able: ableSummary(j.rules, slos).able, rules: j.loaded, bySlo: new Map(slos.map((s) => [s.sloId, { status: s.status, label: COVERAGE_LABEL[s.status], why: s.why }])) };
}
