/**
 * Judges one alerting rule: can it fire at all, is it well formed, and what the corrected rule is.
 * Pure; the expression is read through the PromQL grammar (./promql), never with regular expressions.
 */
import { COMPARISONS, parsePromql, print, selectors, unparen, type Expr } from "./promql";
import { parseDuration } from "@/lib/slo/duration";

export interface AlertRule {
  name: string;
  group: string;
  file?: string;
  expr: string;
  /** The rule's `for` in seconds; 0 when absent. */
  forSeconds: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Prometheus's state for the rule (inactive, pending, firing), when read from /api/v1/rules. */
  state?: string;
}

export interface JudgeContext {
  /** What the platform's /metrics exposes: metric name → label sets. null when /metrics could not be read. */
  exposed: ReadonlyMap<string, readonly Record<string, string>[]> | null;
  /** Names recording rules produce (they are not on /metrics). */
  recorded: ReadonlySet<string>;
  scrapeIntervalSeconds: number;
  /** The runbook section to link when the rule has none (its SLO's). */
  runbookSection?: number;
}

export type Firing = { kind: "able" } | { kind: "never"; why: string } | { kind: "noise"; why: string };

export type ProblemCode =
  | "parse" | "identity-ratio" | "no-such-series" | "quantile-no-le" | "no-comparison" | "no-for"
  | "quantile-unaggregated" | "short-window" | "no-runbook" | "severity";

export interface Problem {
  code: ProblemCode;
  message: string;
  fix: string;
}

export interface FixedRule {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface Judgement {
  firing: Firing;
  problems: Problem[];
  /** The corrected rule, when any problem has an automatic fix; null when the rule is fine or needs a human. */
  fixed: FixedRule | null;
}

export const KNOWN_SEVERITIES = ["critical", "warning", "info", "page", "ticket"] as const;
const COUNTER_FNS = new Set(["rate", "irate", "increase"]);
const WINDOW_FNS = new Set([...COUNTER_FNS, "delta", "idelta", "deriv", "changes", "resets", "predict_linear"]);
/** Series Prometheus makes itself; they are never on the platform's /metrics. */
const PROMETHEUS_OWN = new Set(["up", "ALERTS", "ALERTS_FOR_STATE", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added"]);
const DEFAULT_FOR = "2m";

export function judgeRule(rule: AlertRule, ctx: JudgeContext): Judgement {
  const parsed = parsePromql(rule.expr);
  if (!parsed.ok) {
    return { firing: { kind: "never", why: parsed.error }, problems: [{ code: "parse", message: parsed.error, fix: "correct the expression; Prometheus refuses to load it" }], fixed: null };
  }
  const problems: Problem[] = [];
  const firings: Firing[] = [];
  let expr = parsed.expr;

  // Can it fire at all: series that do not exist.
  const missing = missingSeries(expr, ctx);
  if (missing.length) {
    const why = `no such series on the platform's /metrics: ${missing.join("; ")}`;
    problems.push({ code: "no-such-series", message: why, fix: "select series the platform exposes (see /slo for the names it has)" });
    if (!hasOr(expr)) firings.push({ kind: "never", why });
  }

  // Can it fire at all: ratios that are 1 for every series.
  const identities: string[] = [];
  expr = rewrite(expr, (e) => {
    if (e.type !== "binary" || e.op !== "/") return e;
    const labels = identityRatio(e);
    if (!labels) return e;
    const metric = unaggregatedSide(e.rhs)!.sel.name;
    identities.push(`each ${metric}{${labels.join(", ")}} series is divided by itself (PromQL divides series with identical labels), so the ratio is always 1`);
    const without = { kind: "without" as const, labels };
    return { ...e, lhs: { type: "aggregate", op: "sum", grouping: without, args: [unparen(e.lhs)] }, rhs: { type: "aggregate", op: "sum", grouping: without, args: [unparen(e.rhs)] } };
  });
  if (identities.length) {
    const verdict = constantVerdict(parsed.expr, identities[0]!);
    if (verdict) firings.push(verdict);
    problems.push({ code: "identity-ratio", message: "ratio of unaggregated series of one metric", fix: "aggregate both sides over the label the numerator selects on, e.g. sum without (result) (…) / sum without (result) (…)" });
  }

  // Latency: histogram_quantile needs the `le` label, and across instances a sum by (le).
  expr = rewrite(expr, (e) => {
    if (e.type !== "call" || e.fn !== "histogram_quantile" || e.args.length !== 2) return e;
    const inner = unparen(e.args[1]!);
    if (inner.type === "aggregate") {
      const g = inner.grouping;
      const keepsLe = g ? (g.kind === "by" ? g.labels.includes("le") : !g.labels.includes("le")) : false;
      if (keepsLe) return e;
      const why = `${print(inner)} drops the le label, so histogram_quantile returns nothing`;
      firings.push({ kind: "never", why });
      problems.push({ code: "quantile-no-le", message: why, fix: "aggregate by (le): sum by (le) (rate(X_bucket[5m]))" });
      return { ...e, args: [e.args[0]!, { ...inner, grouping: g?.kind === "by" ? { kind: "by", labels: [...g.labels, "le"] } : { kind: "by", labels: ["le"] } }] };
    }
    problems.push({
      code: "quantile-unaggregated",
      message: `histogram_quantile over ${print(inner)} is computed per series (per instance or tenant), never across them`,
      fix: "take the quantile over sum by (le) (…)",
    });
    return { ...e, args: [e.args[0]!, { type: "aggregate", op: "sum", grouping: { kind: "by", labels: ["le"] }, args: [inner] }] };
  });

  // Rate windows too short to hold enough scrapes.
  const minWindowS = 4 * ctx.scrapeIntervalSeconds;
  const shortOnes: string[] = [];
  expr = rewrite(expr, (e) => {
    if (e.type !== "call" || !WINDOW_FNS.has(e.fn)) return e;
    return {
      ...e,
      args: e.args.map((a) => {
        if (a.type !== "selector" || !a.range) return a;
        const ms = parseDuration(a.range);
        if (ms === undefined || ms / 1000 >= minWindowS) return a;
        shortOnes.push(`${e.fn}(…[${a.range}])`);
        return { ...a, range: roundUpWindow(minWindowS) };
      }),
    };
  });
  if (shortOnes.length) {
    problems.push({
      code: "short-window",
      message: `${shortOnes.join(", ")}: window shorter than 4× the scrape interval (${ctx.scrapeIntervalSeconds} s), so it often holds fewer than two samples`,
      fix: `use at least [${roundUpWindow(minWindowS)}]`,
    });
  }

  const comparison = hasComparison(parsed.expr);
  if (!comparison) {
    const why = "no comparison: the alert fires whenever the expression returns any series";
    firings.push({ kind: "noise", why });
    problems.push({ code: "no-comparison", message: why, fix: "compare with the threshold, e.g. … > 0.05" });
  }
  // A multiwindow burn-rate condition (long window AND short window) is its own guard (SRE Workbook ch. 5).
  if (!(rule.forSeconds > 0) && !multiWindow(parsed.expr)) problems.push({ code: "no-for", message: "no `for`: one bad evaluation pages", fix: `add for: ${DEFAULT_FOR}` });
  const annotations = { ...rule.annotations };
  const labels = { ...rule.labels };
  if (!annotations.runbook_url && !annotations.runbook_section && !labels.runbook_section) {
    const section = ctx.runbookSection ?? 6;
    problems.push({ code: "no-runbook", message: "no runbook_url or runbook_section: the responder is not told where to start", fix: `add annotation runbook_section: "${section}"` });
    annotations.runbook_section = String(section);
  }
  if (!(KNOWN_SEVERITIES as readonly string[]).includes(labels.severity ?? "")) {
    problems.push({
      code: "severity",
      message: labels.severity ? `severity "${labels.severity}" is not one of ${KNOWN_SEVERITIES.join(", ")}` : "no severity label: routing cannot tell a page from a ticket",
      fix: `set severity to one of ${KNOWN_SEVERITIES.join(", ")}`,
    });
    labels.severity = "warning";
  }

  const firing = firings.find((f) => f.kind === "never") ?? firings.find((f) => f.kind === "noise") ?? { kind: "able" as const };
  const fixable = problems.some((p) => p.code !== "no-such-series" && p.code !== "no-comparison" && p.code !== "parse");
  const fixed: FixedRule | null = fixable
    ? { alert: rule.name, expr: print(expr), for: rule.forSeconds > 0 ? formatSeconds(rule.forSeconds) : DEFAULT_FOR, labels, annotations }
    : null;
  return { firing, problems, fixed };
}

/** Bottom-up rewrite of a tree. */
function rewrite(e: Expr, f: (e: Expr) => Expr): Expr {
  switch (e.type) {
    case "call":
      return f({ ...e, args: e.args.map((a) => rewrite(a, f)) });
    case "aggregate":
      return f({ ...e, args: e.args.map((a) => rewrite(a, f)) });
    case "binary":
      return f({ ...e, lhs: rewrite(e.lhs, f), rhs: rewrite(e.rhs, f) });
    case "paren":
    case "unary":
      return f({ ...e, expr: rewrite(e.expr, f) });
    default:
      return f(e);
  }
}

/** The counter a side of a ratio reads, when that side keeps every label (bare selector or rate-like call). */
function unaggregatedSide(e: Expr): { fn: string | null; sel: Extract<Expr, { type: "selector" }> } | null {
  const x = unparen(e);
  if (x.type === "selector" && x.name) return { fn: null, sel: x };
  if (x.type === "call" && COUNTER_FNS.has(x.fn) && x.args.length === 1) {
    const a = x.args[0]!;
    if (a.type === "selector" && a.name) return { fn: x.fn, sel: a };
  }
  return null;
}

/**
 * A / B with both sides unaggregated over the same metric, where A's matchers include all of B's: each A series
 * is divided by the B series with the same labels — itself — so the ratio is 1. Returns the labels A adds.
 */
function identityRatio(e: Extract<Expr, { type: "binary" }>): string[] | null {
  if (e.matching) return null;
  const num = unaggregatedSide(e.lhs);
  const den = unaggregatedSide(e.rhs);
  if (!num || !den || num.fn !== den.fn || num.sel.name !== den.sel.name || num.sel.range !== den.sel.range) return null;
  const key = (m: { label: string; op: string; value: string }) => `${m.label}${m.op}${m.value}`;
  const numKeys = new Set(num.sel.matchers.map(key));
  if (!den.sel.matchers.every((m) => numKeys.has(key(m)))) return null;
  const denKeys = new Set(den.sel.matchers.map(key));
  const added = [...new Set(num.sel.matchers.filter((m) => !denKeys.has(key(m))).map((m) => m.label))];
  return added.length ? added : null;
}

type Abs = { kind: "scalar"; v: number } | { kind: "constant"; v: number } | { kind: "vector" };

const ARITH: Record<string, (a: number, b: number) => number> = {
  "+": (a, b) => a + b, "-": (a, b) => a - b, "*": (a, b) => a * b, "/": (a, b) => a / b, "^": (a, b) => a ** b, "%": (a, b) => a % b,
};
const CMP: Record<string, (a: number, b: number) => boolean> = {
  "==": (a, b) => a === b, "!=": (a, b) => a !== b, ">": (a, b) => a > b, "<": (a, b) => a < b, ">=": (a, b) => a >= b, "<=": (a, b) => a <= b,
};

/** What an expression evaluates to, as far as constants go: identity ratios are the constant 1. */
function abstractValue(e: Expr): Abs {
  switch (e.type) {
    case "number":
      return { kind: "scalar", v: e.value };
    case "paren":
      return abstractValue(e.expr);
    case "unary": {
      const a = abstractValue(e.expr);
      return a.kind === "vector" || e.op !== "-" ? a : { ...a, v: -a.v };
    }
    case "binary": {
      if (e.op === "/" && identityRatio(e)) return { kind: "constant", v: 1 };
      const fn = ARITH[e.op];
      const l = abstractValue(e.lhs);
      const r = abstractValue(e.rhs);
      if (!fn || l.kind === "vector" || r.kind === "vector") return { kind: "vector" };
      return { kind: l.kind === "scalar" && r.kind === "scalar" ? "scalar" : "constant", v: fn(l.v, r.v) };
    }
    default:
      return { kind: "vector" };
  }
}

/** For `constant <op> threshold` at the top: never true → can never fire; always true → fires on any event. */
function constantVerdict(top: Expr, because: string): Firing | null {
  const e = unparen(top);
  if (e.type !== "binary" || !COMPARISONS.has(e.op) || e.bool) return null;
  const l = abstractValue(e.lhs);
  const r = abstractValue(e.rhs);
  let holds: boolean;
  let value: number;
  if (l.kind === "constant" && r.kind === "scalar") [holds, value] = [CMP[e.op]!(l.v, r.v), l.v];
  else if (r.kind === "constant" && l.kind === "scalar") [holds, value] = [CMP[e.op]!(l.v, r.v), r.v];
  else return null;
  const cmp = l.kind === "constant" ? `${value} ${e.op} ${print(e.rhs)}` : `${print(e.lhs)} ${e.op} ${value}`;
  return holds
    ? { kind: "noise", why: `${because}: ${cmp} holds on any event` }
    : { kind: "never", why: `${because}: ${cmp} is never true` };
}

function hasComparison(top: Expr): boolean {
  const e = unparen(top);
  if (e.type === "binary") {
    if (COMPARISONS.has(e.op) && !e.bool) return true;
    if (e.op === "and" || e.op === "unless") return hasComparison(e.lhs);
    if (e.op === "or") return hasComparison(e.lhs) && hasComparison(e.rhs);
  }
  // absent() alerts are meant to fire when the series is gone.
  return e.type === "call" && (e.fn === "absent" || e.fn === "absent_over_time");
}

/** `A > t and B > t` somewhere at the top (through or): two windows must agree before it fires. */
function multiWindow(top: Expr): boolean {
  const e = unparen(top);
  if (e.type !== "binary") return false;
  if (e.op === "or") return multiWindow(e.lhs) && multiWindow(e.rhs);
  return e.op === "and" && hasComparison(e.lhs) && hasComparison(e.rhs);
}

function hasOr(e: Expr): boolean {
  const x = unparen(e);
  return x.type === "binary" && (x.op === "or" || hasOr(x.lhs) || hasOr(x.rhs));
}

function matches(value: string | undefined, m: { op: string; value: string }): boolean {
  const v = value ?? "";
  if (m.op === "=") return v === m.value;
  if (m.op === "!=") return v !== m.value;
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${m.value})$`);
  } catch {
    return true; // an RE2 feature JavaScript lacks: do not claim the series is missing
  }
  return m.op === "=~" ? re.test(v) : !re.test(v);
}

/** Selectors nothing on /metrics satisfies (target labels such as job or service are not judged). */
function missingSeries(expr: Expr, ctx: JudgeContext): string[] {
  if (!ctx.exposed) return [];
  const out: string[] = [];
  for (const { sel, within } of selectors(expr)) {
    if (!sel.name || within.some((f) => f === "absent" || f === "absent_over_time")) continue;
    if (ctx.recorded.has(sel.name) || PROMETHEUS_OWN.has(sel.name)) continue;
    const series = ctx.exposed.get(sel.name);
    if (!series?.length) {
      out.push(sel.name);
      continue;
    }
    const exposedLabels = new Set(series.flatMap((s) => Object.keys(s)));
    const judged = sel.matchers.filter((m) => exposedLabels.has(m.label));
    if (!series.some((s) => judged.every((m) => matches(s[m.label], m)))) {
      out.push(`${sel.name}{${judged.map((m) => `${m.label}${m.op}${JSON.stringify(m.value)}`).join(", ")}}`);
    }
  }
  return [...new Set(out)];
}

function roundUpWindow(seconds: number): string {
  return seconds <= 60 ? "1m" : `${Math.ceil(seconds / 60)}m`;
}

function formatSeconds(s: number): string {
  if (s % 3600 === 0) return `${s / 3600}h`;
  if (s % 60 === 0) return `${s / 60}m`;
  return `${s}s`;
}
