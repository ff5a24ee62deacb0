/** What the judge asks a Prometheus: its loaded rules, its scrape interval, and an expression over time. */
import { z } from "zod";
import { prometheusGet, PrometheusSourceError, type PrometheusSourceOptions } from "@/lib/slo/prometheus-source";
import { prometheusRulesSchema } from "@/lib/slo/alert-rules";
import { parseDuration } from "@/lib/slo/duration";
import type { AlertRule } from "./judge";
import type { RuleSet } from "./rule-file";


type Opts = Pick<PrometheusSourceOptions, "baseUrl" | "fetch" | "timeoutMs">;

/** Every rule Prometheus has loaded; a reply that does not parse is an error, never "no rules". */
export async function prometheusRules(opts: Opts): Promise<RuleSet> {
  const parsed = prometheusRulesSchema.safeParse(await prometheusGet(opts, "/api/v1/rules", {}));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PrometheusSourceError("bad_response", `Prometheus /api/v1/rules answered in a shape the console cannot read (${issue ? `${issue.path.join(".")}: ${issue.message}` : "unknown"})`);
  }
  const rules: AlertRule[] = [];
  const recordings: RuleSet["recordings"] = [];
  for (const g of parsed.data.groups) {
    for (const r of g.rules) {
      if (r.type === "recording") recordings.push({ name: r.name, expr: r.query });
      else {
        rules.push({
          name: r.name, group: g.name, ...(g.file ? { file: g.file } : {}), expr: r.query, forSeconds: r.duration ?? 0,
          labels: r.labels ?? {}, annotations: r.annotations ?? {}, ...(r.state ? { state: r.state } : {}),
        });
      }
    }
  }
  return { rules, recordings };
}

const targetsSchema = z.object({ activeTargets: z.array(z.looseObject({ scrapeInterval: z.string().optional() })) });

/** The longest scrape interval among Prometheus's active targets, in seconds; null when it does not say. */
export async function prometheusScrapeInterval(opts: Opts): Promise<number | null> {
  const parsed = targetsSchema.safeParse(await prometheusGet(opts, "/api/v1/targets", { state: "active" }));
  if (!parsed.success) return null;
  const secs = parsed.data.activeTargets.map((t) => (t.scrapeInterval ? parseDuration(t.scrapeInterval) : undefined)).filter((v): v is number => v !== undefined);
  return secs.length ? Math.max(...secs) / 1000 : null;
}

const matrixSchema = z.object({
  resultType: z.literal("matrix"),
  result: z.array(z.object({ metric: z.record(z.string(), z.string()), values: z.array(z.tuple([z.number(), z.string()])) })),
});

export interface RangeSeries {
  labels: Record<string, string>;
  points: { t: number; v: number }[];
}

export async function queryRange(opts: Opts, query: string, fromMs: number, toMs: number, stepMs: number): Promise<RangeSeries[]> {
  const data = await prometheusGet(opts, "/api/v1/query_range", {
    query, start: String(fromMs / 1000), end: String(toMs / 1000), step: `${Math.max(1, Math.round(stepMs / 1000))}s`,
  });
  const parsed = matrixSchema.safeParse(data);
  if (!parsed.success) throw new PrometheusSourceError("bad_response", "Prometheus query_range answered in a shape the console cannot read");
  return parsed.data.result.map((s) => ({ labels: s.metric, points: s.values.map(([t, v]) => ({ t: Math.round(t * 1000), v: Number(v) })) }));
}
