/** Per SLO: is it covered by an alert that can fire? Pure; matching by metric names as lib/slo/alert-rules does. */
import { alertCoverage, type RuleInfo } from "@/lib/slo/alert-rules";
import type { SloDefinition } from "@/lib/slo/definitions";
import type { Backtest } from "./backtest";
import type { AlertRule, Judgement } from "./judge";
import type { RuleSet } from "./rule-file";

export type CoverageStatus = "able" | "cannot" | "noise" | "missing";

export interface SloAlertStatus {
  sloId: string;
  status: CoverageStatus;
  /** Why it cannot fire or fires on noise; empty for able and missing. */
  why: string;
  rules: string[];
}

export const COVERAGE_LABEL: Record<CoverageStatus, string> = {
  able: "configured and able to fire",
  cannot: "configured but cannot fire",
  noise: "fires on noise",
  missing: "missing",
};

/** Which alerting rules (by index into set.rules) read each SLO's series. */
export function rulesBySlo(defs: readonly SloDefinition[], set: RuleSet): Map<string, number[]> {
  const infos: RuleInfo[] = [
    ...set.recordings.map((r) => ({ group: "", name: r.name, type: "recording" as const, query: r.expr, labels: {} })),
    ...set.rules.map((r, i) => ({ group: String(i), name: r.name, type: "alerting" as const, query: r.expr, labels: r.labels })),
  ];
  return new Map(alertCoverage(defs, infos).map((c) => [c.sloId, c.alerts.map((a) => Number(a.group))]));
}

export function sloStatus(
  sloId: string,
  indices: readonly number[],
  rules: readonly AlertRule[],
  judged: readonly Judgement[],
  backtests: ReadonlyMap<number, Backtest | null> = new Map(),
): SloAlertStatus {
  const names = indices.map((i) => rules[i]!.name);
  if (!indices.length) return { sloId, status: "missing", why: "", rules: [] };
  // A rule judged able that stayed quiet through a clear breach of this SLO cannot fire in practice either.
  const missed = (i: number) => backtests.get(i)?.sloId === sloId && backtests.get(i)?.verdict === "missed";
  const able = indices.filter((i) => judged[i]!.firing.kind === "able" && !missed(i));
  if (able.length) return { sloId, status: "able", why: "", rules: names };
  const noise = indices.find((i) => judged[i]!.firing.kind === "noise");
  if (noise !== undefined) {
    const f = judged[noise]!.firing;
    return { sloId, status: "noise", why: `${rules[noise]!.name}: ${f.kind === "noise" ? f.why : ""}`, rules: names };
  }
  const why = indices
    .map((i) => {
      const f = judged[i]!.firing;
      if (f.kind === "never") return `${rules[i]!.name}: ${f.why}`;
      return `${rules[i]!.name}: did not cross its threshold while the SLO was breached`;
    })
    .join("; ");
  return { sloId, status: "cannot", why, rules: names };
}
