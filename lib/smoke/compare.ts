import type { CheckResult, SmokeReport, Verdict } from "@/lib/smoke/types";

const RANK: Record<Verdict, number> = { pass: 0, warn: 1, fail: 2, error: 2 };

export interface NewProblem {
  id: string;
  title: string;
  verdict: Verdict;
  /** The verdict in the baseline run; null when the check did not run then. */
  was: Verdict | null;
  summary: string;
  /** "bgops 500", "health ready timeout": short enough for "new since last green: …". */
  label: string;
  runbookSection: string;
}

/**
 * What a run is compared with: the last green run, or, while no run has ever been green (a standing failure such as
 * alert rules that cannot fire keeps every run red), the run before it.
 */
export type Baseline = "last green" | "previous run";

export interface GreenComparison {
  /** When the last green run finished; null when the comparison is not with a green run. */
  lastGreenAt: string | null;
  baseline: Baseline | null;
  /** When the baseline run finished. */
  baselineAt: string | null;
  newProblems: NewProblem[];
  /** "new since last green: bgops 500, reseller client-check 502", or null when nothing is new. */
  headline: string | null;
}

export function isAllGreen(report: SmokeReport): boolean {
  return report.summary.fail === 0 && report.summary.error === 0;
}

function label(r: CheckResult): string {
  const name = r.id.replace(/^mgmt\./, "").replace(/\./g, " ");
  const last = r.seen?.[r.seen.length - 1];
  const what = last?.status !== undefined ? String(last.status) : r.verdict === "error" && /no answer/.test(r.summary) ? "timeout" : r.verdict;
  return `${name} ${what}`;
}

/** What got worse since the baseline run (warnings and failures that were already there are not news). */
export function compareWithLastGreen(report: SmokeReport, lastGreen: SmokeReport | null | undefined, baseline: Baseline = "last green"): GreenComparison {
  const before = new Map((lastGreen?.results ?? []).map((r) => [r.id, r.verdict] as const));
  const newProblems = report.results
    .filter((r) => r.verdict !== "pass" && RANK[r.verdict] > RANK[before.get(r.id) ?? "pass"])
    .map((r) => ({ id: r.id, title: r.title, verdict: r.verdict, was: before.get(r.id) ?? null, summary: r.summary, label: label(r), runbookSection: r.runbookSection }));
  return {
    lastGreenAt: baseline === "last green" ? (lastGreen?.finishedAt ?? null) : null,
    baseline: lastGreen ? baseline : null,
    baselineAt: lastGreen?.finishedAt ?? null,
    newProblems,
    headline: newProblems.length ? `new since ${baseline === "last green" ? "last green" : "the previous run (none green yet)"}: ${newProblems.map((p) => p.label).join(", ")}` : null,
  };
}
