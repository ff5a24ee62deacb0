/**
 * The judge over a whole rule set: where the rules come from, each rule's verdict, each SLO's coverage.
 * Shared by the console's /slo pages and the smoke test; no Next.js imports.
 */
import type { SloDefinition } from "@/lib/slo/definitions";
import type { Backtest } from "./backtest";
import { rulesBySlo, sloStatus, type SloAlertStatus } from "./coverage";
import { readRuleFiles } from "./files";
import { judgeRule, type AlertRule, type Judgement } from "./judge";
import { prometheusRules, prometheusScrapeInterval } from "./prometheus";
import type { RuleSet } from "./rule-file";

export interface RuleSource {
  prometheusUrl?: string | undefined;
  ruleFiles?: readonly string[] | undefined;
}

export type LoadedRules =
  | { kind: "prometheus"; label: string; set: RuleSet; scrapeIntervalSeconds: number | null }
  | { kind: "files"; label: string; set: RuleSet; files: string[] };

export const hasRuleSource = (src: RuleSource) => Boolean(src.prometheusUrl || src.ruleFiles?.length);

/** Prometheus's loaded rules when PROMETHEUS_URL is set, else ALERT_RULE_FILES. Throws with a readable message. */
export async function loadRules(src: RuleSource, fetchImpl: typeof fetch = globalThis.fetch, timeoutMs = 10_000): Promise<LoadedRules> {
  if (src.prometheusUrl) {
    const opts = { baseUrl: src.prometheusUrl, fetch: fetchImpl, timeoutMs };
    const [set, interval] = await Promise.all([prometheusRules(opts), prometheusScrapeInterval(opts).catch(() => null)]);
    return { kind: "prometheus", label: `Prometheus at ${new URL(src.prometheusUrl).origin} (/api/v1/rules)`, set, scrapeIntervalSeconds: interval };
  }
  if (src.ruleFiles?.length) {
    const r = await readRuleFiles(src.ruleFiles);
    return { kind: "files", label: `ALERT_RULE_FILES (${r.files.length} file${r.files.length === 1 ? "" : "s"})`, set: r, files: r.files };
  }
  throw new Error("no alert rules source: set PROMETHEUS_URL or ALERT_RULE_FILES");
}

export interface RuleVerdict {
  rule: AlertRule;
  sloIds: string[];
  judgement: Judgement;
}

export function judgeRuleSet(
  set: RuleSet,
  defs: readonly SloDefinition[],
  ctx: { exposed: ReadonlyMap<string, readonly Record<string, string>[]> | null; scrapeIntervalSeconds: number },
): { rules: RuleVerdict[]; bySlo: Map<string, number[]> } {
  const bySlo = rulesBySlo(defs, set);
  const recorded = new Set(set.recordings.map((r) => r.name));
  const sloOf = new Map<number, string[]>();
  for (const [sloId, idx] of bySlo) for (const i of idx) sloOf.set(i, [...(sloOf.get(i) ?? []), sloId]);
  const section = (i: number) => defs.find((d) => d.id === sloOf.get(i)?.[0])?.runbookSection;
  const rules = set.rules.map((rule, i) => {
    const runbookSection = section(i);
    return {
      rule,
      sloIds: sloOf.get(i) ?? [],
      judgement: judgeRule(rule, { exposed: ctx.exposed, recorded, scrapeIntervalSeconds: ctx.scrapeIntervalSeconds, ...(runbookSection ? { runbookSection } : {}) }),
    };
  });
  return { rules, bySlo };
}

export function coverageOf(
  defs: readonly SloDefinition[],
  verdicts: readonly RuleVerdict[],
  bySlo: ReadonlyMap<string, number[]>,
  backtests: ReadonlyMap<number, Backtest | null> = new Map(),
): SloAlertStatus[] {
  const rules = verdicts.map((v) => v.rule);
  const judged = verdicts.map((v) => v.judgement);
  return defs.map((d) => sloStatus(d.id, bySlo.get(d.id) ?? [], rules, judged, backtests));
}

/** "alerts able to fire: N of M", and whether an SLO is left with only rules that cannot fire. */
export function ableSummary(verdicts: readonly RuleVerdict[], slos: readonly SloAlertStatus[]) {
  const able = verdicts.filter((v) => v.judgement.firing.kind === "able").length;
  return {
    able,
    total: verdicts.length,
    cannot: slos.filter((s) => s.status === "cannot"),
    noise: slos.filter((s) => s.status === "noise"),
    missing: slos.filter((s) => s.status === "missing"),
  };
}
