/** PromQL-style series selectors (`name{label="v",code=~"5.."}`) used by SLO definitions. */

export type MatchOp = "=" | "!=" | "=~" | "!~";

export interface Matcher {
  label: string;
  op: MatchOp;
  value: string;
}

export interface Selector {
  metric: string;
  matchers: Matcher[];
}

const SELECTOR = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?:\{(.*)\})?\s*$/s;
const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*$/s;

/** Parses a selector; returns an error message instead of throwing. */
export function parseSelector(text: string): { selector: Selector } | { error: string } {
  const m = SELECTOR.exec(text);
  if (!m) return { error: `not a series selector: "${text}" (expected metric_name{label="value",…})` };
  const metric = m[1]!;
  const matchers: Matcher[] = [];
  const body = m[2]?.trim() ?? "";
  if (body !== "") {
    for (const part of splitMatchers(body)) {
      if (part.trim() === "") continue;
      const mm = MATCHER.exec(part);
      if (!mm) return { error: `bad label matcher "${part.trim()}" in "${text}"` };
      const value = mm[3]!.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
      const op = mm[2] as MatchOp;
      if (op === "=~" || op === "!~") {
        try {
          new RegExp(`^(?:${value})$`);
        } catch {
          return { error: `invalid regular expression "${value}" for label ${mm[1]}` };
        }
      }
      matchers.push({ label: mm[1]!, op, value });
    }
  }
  return { selector: { metric, matchers } };
}

function splitMatchers(body: string): string[] {
  const parts: string[] = [];
  let cur = "";
  let inQuote = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (inQuote && ch === "\\") {
      cur += ch + (body[i + 1] ?? "");
      i++;
      continue;
    }
    if (ch === '"') inQuote = !inQuote;
    if (ch === "," && !inQuote) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

const regexCache = new Map<string, RegExp>();
function anchored(re: string): RegExp {
  let r = regexCache.get(re);
  if (!r) {
    r = new RegExp(`^(?:${re})$`);
    regexCache.set(re, r);
  }
  return r;
}

/** Prometheus semantics: a missing label equals "", regexes are fully anchored. */
export function matchesLabels(matchers: readonly Matcher[], labels: Record<string, string>): boolean {
  for (const m of matchers) {
    const v = labels[m.label] ?? "";
    switch (m.op) {
      case "=":
        if (v !== m.value) return false;
        break;
      case "!=":
        if (v === m.value) return false;
        break;
      case "=~":
        if (!anchored(m.value).test(v)) return false;
        break;
      case "!~":
        if (anchored(m.value).test(v)) return false;
        break;
    }
  }
  return true;
}

export function formatSelector(s: Selector, metricOverride?: string, extra: readonly Matcher[] = []): string {
  const all = [...s.matchers, ...extra];
  const inner = all.map((m) => `${m.label}${m.op}${JSON.stringify(m.value)}`).join(",");
  return `${metricOverride ?? s.metric}${inner ? `{${inner}}` : ""}`;
}
