/** Prometheus rule files (the `groups:` YAML) read into the judge's rules. Pure. */
import { parse } from "yaml";
import { z } from "zod";
import { parseDuration } from "@/lib/slo/duration";
import type { AlertRule } from "./judge";

const text = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const schema = z.object({
  groups: z.array(
    z.object({
      name: z.string(),
      rules: z.array(
        z.object({
          alert: z.string().optional(),
          record: z.string().optional(),
          expr: text,
          for: z.string().optional(),
          labels: z.record(z.string(), text).optional(),
          annotations: z.record(z.string(), text).optional(),
        }),
      ).default([]),
    }),
  ),
});

export interface RuleSet {
  rules: AlertRule[];
  /** Recording rules: the names they produce (not on /metrics) and their expressions (to match rules to SLOs). */
  recordings: { name: string; expr: string }[];
}

export function parseRuleFile(source: string, file: string): { ok: true; value: RuleSet } | { ok: false; error: string } {
  let doc: unknown;
  try {
    doc = parse(source);
  } catch (err) {
    return { ok: false, error: `${file}: not YAML (${(err as Error).message.split("\n")[0]})` };
  }
  const parsed = schema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `${file}: ${issue.path.join(".") || "top level"}: ${issue.message} (expected a Prometheus rule file with groups:)` };
  }
  const rules: AlertRule[] = [];
  const recordings: RuleSet["recordings"] = [];
  for (const g of parsed.data.groups) {
    for (const r of g.rules) {
      if (r.record) recordings.push({ name: r.record, expr: r.expr });
      if (!r.alert) continue;
      const forMs = r.for ? parseDuration(r.for) : 0;
      if (forMs === undefined) return { ok: false, error: `${file}: rule ${r.alert}: for "${r.for}" is not a duration` };
      rules.push({ name: r.alert, group: g.name, file, expr: r.expr, forSeconds: forMs / 1000, labels: r.labels ?? {}, annotations: r.annotations ?? {} });
    }
  }
  return { ok: true, value: { rules, recordings } };
}
