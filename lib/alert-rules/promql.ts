/**
 * PromQL parsed with the Prometheus project's own grammar (@prometheus-io/lezer-promql) into a small tree the
 * rule judge can reason about, and printed back. Pure; no regular expressions over query text.
 */
import { parser } from "@prometheus-io/lezer-promql";
import type { SyntaxNode } from "@lezer/common";
import { parseDuration } from "@/lib/slo/duration";

export type MatchOp = "=" | "!=" | "=~" | "!~";
export interface Matcher {
  label: string;
  op: MatchOp;
  value: string;
}
export type Grouping = { kind: "by" | "without"; labels: string[] };
export type Matching = { kind: "on" | "ignoring"; labels: string[]; group: string | null };

export type Expr =
  | { type: "number"; value: number; text: string }
  | { type: "string"; value: string }
  | { type: "selector"; name: string | null; matchers: Matcher[]; range: string | null }
  | { type: "call"; fn: string; args: Expr[] }
  | { type: "aggregate"; op: string; grouping: Grouping | null; args: Expr[] }
  | { type: "binary"; op: string; bool: boolean; matching: Matching | null; lhs: Expr; rhs: Expr }
  | { type: "paren"; expr: Expr }
  | { type: "unary"; op: string; expr: Expr }
  /** Offsets, subqueries, @ modifiers: kept verbatim, their inner expression still visited. */
  | { type: "verbatim"; text: string; inner: Expr | null };

export type ParseResult = { ok: true; expr: Expr } | { ok: false; error: string };

export const COMPARISONS = new Set(["==", "!=", ">", "<", ">=", "<="]);

export function parsePromql(query: string): ParseResult {
  const tree = parser.parse(query);
  let error: number | null = null;
  tree.iterate({
    enter(n) {
      if (error === null && n.type.isError) error = n.from;
    },
  });
  if (error !== null) return { ok: false, error: `PromQL syntax error at character ${error + 1} of "${query.slice(0, 200)}"` };
  const top = tree.topNode.firstChild;
  if (!top) return { ok: false, error: "empty expression" };
  try {
    return { ok: true, expr: build(top, query) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

const children = (n: SyntaxNode): SyntaxNode[] => {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
};
const text = (n: SyntaxNode, q: string) => q.slice(n.from, n.to);

function unquote(literal: string): string {
  const quote = literal[0];
  const body = literal.slice(1, -1);
  if (quote === "`") return body;
  return body.replace(/\\(.)/g, (_, c: string) => ({ n: "\n", t: "\t", "\\": "\\", '"': '"', "'": "'" })[c] ?? `\\${c}`);
}

function labels(n: SyntaxNode | null, q: string): string[] {
  return n ? children(n).map((c) => (c.name === "QuotedLabelName" ? unquote(text(c, q)) : text(c, q))) : [];
}

function build(n: SyntaxNode, q: string): Expr {
  const kids = children(n);
  switch (n.name) {
    case "NumberDurationLiteral": {
      const t = text(n, q);
      const v = Number(t);
      return { type: "number", value: Number.isNaN(v) ? durationSeconds(t) : v, text: t };
    }
    case "StringLiteral":
      return { type: "string", value: unquote(text(n, q)) };
    case "ParenExpr":
      return { type: "paren", expr: build(kids[0]!, q) };
    case "UnaryExpr":
      return { type: "unary", op: text(kids[0]!, q), expr: build(kids[1]!, q) };
    case "VectorSelector":
      return selector(n, q, null);
    case "MatrixSelector": {
      const inner = kids[0]!;
      const range = text(kids[kids.length - 1]!, q);
      if (inner.name !== "VectorSelector") return { type: "verbatim", text: text(n, q), inner: build(inner, q) };
      return selector(inner, q, range);
    }
    case "FunctionCall": {
      const fn = text(kids[0]!, q);
      const body = kids.find((k) => k.name === "FunctionCallBody");
      return { type: "call", fn, args: body ? children(body).map((c) => build(c, q)) : [] };
    }
    case "AggregateExpr": {
      const op = text(kids[0]!, q);
      const mod = kids.find((k) => k.name === "AggregateModifier");
      const body = kids.find((k) => k.name === "FunctionCallBody");
      const grouping: Grouping | null = mod
        ? { kind: text(mod.firstChild!, q) === "without" ? "without" : "by", labels: labels(mod.getChild("GroupingLabels"), q) }
        : null;
      return { type: "aggregate", op, grouping, args: body ? children(body).map((c) => build(c, q)) : [] };
    }
    case "BinaryExpr": {
      const [lhs, opNode] = kids;
      const rhs = kids[kids.length - 1]!;
      const bool = kids.some((k) => k.name === "BoolModifier");
      const clause = kids.find((k) => k.name === "MatchingModifierClause");
      let matching: Matching | null = null;
      if (clause) {
        const ck = children(clause);
        const group = ck.find((k) => k.name === "GroupLeft" || k.name === "GroupRight");
        matching = { kind: text(ck[0]!, q) === "ignoring" ? "ignoring" : "on", labels: labels(clause.getChild("GroupingLabels"), q), group: group ? text(group, q) : null };
      }
      return { type: "binary", op: text(opNode!, q).toLowerCase(), bool, matching, lhs: build(lhs!, q), rhs: build(rhs, q) };
    }
    default: {
      // OffsetExpr, SubqueryExpr, StepInvariantExpr, …: keep the text; look inside the first child for selectors.
      const first = kids[0];
      return { type: "verbatim", text: text(n, q), inner: first ? build(first, q) : null };
    }
  }
}

function durationSeconds(t: string): number {
  const ms = parseDuration(t);
  return ms === undefined ? Number.NaN : ms / 1000;
}

function selector(n: SyntaxNode, q: string, range: string | null): Expr {
  const ident = n.getChild("Identifier");
  const matchers: Matcher[] = [];
  let name = ident ? text(ident, q) : null;
  const list = n.getChild("LabelMatchers");
  for (const m of list ? children(list) : []) {
    // {"metric_name", …}: a quoted name alone names the metric.
    if (m.name === "QuotedLabelName") {
      name = unquote(text(m, q));
      continue;
    }
    const mk = children(m);
    const op = text(m.getChild("MatchOp")!, q) as MatchOp;
    const value = unquote(text(mk[mk.length - 1]!, q));
    const label = mk[0]!.name === "QuotedLabelName" ? unquote(text(mk[0]!, q)) : text(mk[0]!, q);
    if (label === "__name__" && op === "=") name = value;
    else matchers.push({ label, op, value });
  }
  return { type: "selector", name, matchers, range };
}

const quote = (s: string) => JSON.stringify(s);
const group = (labels: string[]) => `(${labels.join(", ")})`;

/** PromQL text for a tree (normalised spacing); what the judge proposes as a fix. */
export function print(e: Expr): string {
  switch (e.type) {
    case "number":
      return e.text;
    case "string":
      return quote(e.value);
    case "selector": {
      const ms = e.matchers.map((m) => `${m.label}${m.op}${quote(m.value)}`);
      const sel = e.name === null ? `{${ms.join(", ")}}` : ms.length ? `${e.name}{${ms.join(", ")}}` : e.name;
      return e.range ? `${sel}[${e.range}]` : sel;
    }
    case "call":
      return `${e.fn}(${e.args.map(print).join(", ")})`;
    case "aggregate":
      return `${e.op}${e.grouping ? ` ${e.grouping.kind} ${group(e.grouping.labels)}` : ""} (${e.args.map(print).join(", ")})`;
    case "binary": {
      const m = e.matching ? ` ${e.matching.kind}${group(e.matching.labels)}${e.matching.group ? ` ${e.matching.group}` : ""}` : "";
      return `${print(e.lhs)} ${e.op}${e.bool ? " bool" : ""}${m} ${print(e.rhs)}`;
    }
    case "paren":
      return `(${print(e.expr)})`;
    case "unary":
      return `${e.op}${print(e.expr)}`;
    case "verbatim":
      return e.text;
  }
}

/** Every selector in the tree, with the calls it sits inside (innermost last). */
export function selectors(e: Expr, within: string[] = []): { sel: Extract<Expr, { type: "selector" }>; within: string[] }[] {
  switch (e.type) {
    case "selector":
      return [{ sel: e, within }];
    case "call":
      return e.args.flatMap((a) => selectors(a, [...within, e.fn]));
    case "aggregate":
      return e.args.flatMap((a) => selectors(a, [...within, e.op]));
    case "binary":
      return [...selectors(e.lhs, within), ...selectors(e.rhs, within)];
    case "paren":
    case "unary":
      return selectors(e.expr, within);
    case "verbatim":
      return e.inner ? selectors(e.inner, within) : [];
    default:
      return [];
  }
}

export const unparen = (e: Expr): Expr => (e.type === "paren" ? unparen(e.expr) : e);
