/**
 * Runbook §6 "ensure alerts are configured": which SLO has an alerting rule in Prometheus, and
 * whether that rule looks like a burn-rate alert rather than a plain threshold.
 */
import { z } from "zod";
import { metricNamesFor, type SloDefinition } from "./definitions";
import { prometheusGet, PrometheusSourceError, type PrometheusSourceOptions } from "./prometheus-source";

export interface RuleInfo {
  group: string;
  file?: string;
  name: string;
  type: "alerting" | "recording";
  query: string;
  state?: string;
  labels: Record<string, string>;
}

export interface SloAlertCoverage {
  sloId: string;
  alerts: (RuleInfo & { burnRate: boolean })[];
  hasAlert: boolean;
  hasBurnRateAlert: boolean;
}

/** Prometheus's /api/v1/rules answer, as both the coverage check and the rule judge read it. */
export const prometheusRulesSchema = z.object({
  groups: z.array(
    z.object({
      name: z.string(),
      file: z.string().optional(),
      rules: z.array(
        z.looseObject({
          name: z.string(),
          query: z.string(),
          type: z.enum(["alerting", "recording"]),
          duration: z.number().optional(),
          state: z.string().optional(),
          labels: z.record(z.string(), z.string()).optional(),
          annotations: z.record(z.string(), z.string()).optional(),
        }),
      ),
    }),
  ),
});

export async function readAlertRules(fetchImpl: typeof fetch, baseUrl: string, extra: Partial<PrometheusSourceOptions> = {}): Promise<RuleInfo[]> {
  const data = await prometheusGet({ ...extra, fetch: fetchImpl, baseUrl }, "/api/v1/rules", {});
  const parsed = prometheusRulesSchema.safeParse(data);
  // Not "no rules": a reply we cannot read must show as an error, or an SRE reads "missing" for every SLO.
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PrometheusSourceError("bad_response", `Prometheus /api/v1/rules answered in a shape the console cannot read (${issue ? `${issue.path.join(".")}: ${issue.message}` : "unknown"})`);
  }
  return parsed.data.groups.flatMap((g) =>
    g.rules.map((r) => ({
      group: g.name,
      ...(g.file ? { file: g.file } : {}),
      name: r.name,
      type: r.type,
      query: r.query,
      ...(r.state ? { state: r.state } : {}),
      labels: r.labels ?? {},
    })),
  );
}

const mentions = (query: string, name: string) => new RegExp(`(^|[^a-zA-Z0-9_:])${name.replace(/[:]/g, "\\:")}($|[^a-zA-Z0-9_:])`).test(query);

function looksLikeBurnRate(rule: RuleInfo, expanded: string): boolean {
  const text = `${rule.name} ${Object.values(rule.labels).join(" ")} ${expanded}`;
  // Burn-rate rules divide by the error budget (1 - objective) or multiply it by a workbook factor.
  return /burn/i.test(text) || /\(\s*1\s*-\s*0?\.\d+\s*\)/.test(expanded);
}

/** Matches alerting rules to SLOs by the metric names they read, following recording rules. */
export function alertCoverage(defs: readonly SloDefinition[], rules: readonly RuleInfo[]): SloAlertCoverage[] {
  const recordings = rules.filter((r) => r.type === "recording");
  // Expand each rule's query with the queries of recording rules it references (to a fixed point).
  const expand = (query: string): string => {
    let text = query;
    const seen = new Set<string>();
    for (let changed = true; changed; ) {
      changed = false;
      for (const rec of recordings) {
        if (!seen.has(rec.name) && mentions(text, rec.name)) {
          seen.add(rec.name);
          text += `\n${rec.query}`;
          changed = true;
        }
      }
    }
    return text;
  };
  const alerting = rules.filter((r) => r.type === "alerting").map((r) => ({ rule: r, expanded: expand(r.query) }));
  return defs.map((def) => {
    const names = metricNamesFor(def).flatMap((n) => (n.endsWith("_bucket") ? [n, n.slice(0, -7)] : [n]));
    const alerts = alerting
      .filter(({ expanded }) => names.some((n) => mentions(expanded, n)))
      .map(({ rule, expanded }) => ({ ...rule, burnRate: looksLikeBurnRate(rule, expanded) }));
    return { sloId: def.id, alerts, hasAlert: alerts.length > 0, hasBurnRateAlert: alerts.some((a) => a.burnRate) };
  });
}
