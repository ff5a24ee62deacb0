import { parsePromText } from "@/lib/slo/prom-text";
import { metricNamesFor, type SloDefinition } from "@/lib/slo/definitions";
import type { CheckDef, Judgement } from "@/lib/smoke/context";
import { isRedirect, recognizeSignature, unexpected } from "@/lib/smoke/observe";
import { redirectLine } from "@/lib/smoke/redirect";
import { mediaTypeOf } from "@/lib/upstream/errors";

/** One naming scheme of the SLO series (CONTRACT §4); a scheme counts when all its series are present. */
export interface SloSeriesScheme {
  name: string;
  series: string[];
}

// Until the SLO definitions are the source of truth, these are the series both known schemes need.
export const DEFAULT_SLO_SCHEMES: SloSeriesScheme[] = [
  {
    name: "platform alert rules",
    series: [
      "dotmac_management_login_attempts_total",
      "dotmac_management_login_duration_seconds_bucket",
      "dotmac_management_provisioning_requests_total",
      "dotmac_management_provisioning_duration_seconds_bucket",
      "dotmac_management_http_requests_total",
    ],
  },
  {
    name: "platform metrics registry",
    series: [
      "login_success_rate_total",
      "login_success_rate_success_total",
      "service_provisioning_success_rate_total",
      "service_provisioning_success_rate_success_total",
      "api_request_success_rate_total",
      "api_request_success_rate_success_total",
    ],
  },
];

const SCHEME_NAMES: Record<string, string> = { A: "platform alert rules", B: "platform metrics registry" };

/** The series each naming scheme of the console's SLO definitions reads, so the smoke test asks for exactly those. */
export function sloSchemesFromDefinitions(defs: readonly SloDefinition[]): SloSeriesScheme[] {
  const byScheme = new Map<string, Set<string>>();
  for (const def of defs) {
    const names = byScheme.get(def.scheme) ?? new Set<string>();
    for (const n of metricNamesFor(def)) names.add(n);
    byScheme.set(def.scheme, names);
  }
  return [...byScheme].map(([scheme, names]) => ({ name: SCHEME_NAMES[scheme] ?? `${scheme} definitions`, series: [...names] }));
}

export function metricsCheck(schemes: SloSeriesScheme[] = DEFAULT_SLO_SCHEMES): CheckDef {
  return {
    id: "mgmt.metrics",
    surface: "mgmt",
    title: "Management API /metrics",
    runbookSection: "§6",
    async run(ctx): Promise<Judgement> {
      const obs = await ctx.probe("mgmt", "/metrics");
      if (isRedirect(obs)) return { verdict: "fail", summary: `${redirectLine(obs)} (not followed)` };
      if (obs.status !== 200) return recognizeSignature(obs) ?? { verdict: "fail", summary: unexpected(obs) };
      const media = mediaTypeOf(obs.contentType);
      if (media === "text/html" || media === "application/json") return { verdict: "fail", summary: `200 ${media}, not Prometheus text: ${unexpected(obs, 60)}` };
      const parsed = parsePromText(obs.bodyText);
      if (parsed.samples.length === 0) {
        const why = parsed.errors.length ? `${parsed.errors.length} unparseable lines` : "no samples";
        return { verdict: "fail", summary: `exposed, but ${why}` };
      }
      const names = new Set(parsed.samples.map((s) => s.name));
      for (const fam of parsed.families.keys()) names.add(fam);
      const cut = obs.truncated ? "; body over the size limit, cut off" : "";
      const lint = `${parsed.errors.length ? `, ${parsed.errors.length} unparseable lines` : ""}${cut}`;
      const complete = schemes.find((s) => s.series.every((n) => names.has(n)));
      if (complete) return { verdict: parsed.errors.length || obs.truncated ? "warn" : "pass", summary: `exposed, ${parsed.samples.length} samples, SLO series present (${complete.name})${lint}` };
      const disabled = /#\s*Prometheus exposition disabled/i.test(obs.bodyText) ? "; says \"Prometheus exposition disabled\" (static zero counters)" : "";
      const best = schemes
        .map((s) => ({ s, missing: s.series.filter((n) => !names.has(n)) }))
        .sort((a, b) => a.missing.length - b.missing.length)[0];
      const partial = best && best.missing.length < best.s.series.length ? `; ${best.s.name} lacks ${best.missing.join(", ")}` : "";
      return { verdict: "warn", summary: `exposed, business SLO series missing (${parsed.samples.length} samples${lint})${disabled}${partial}` };
    },
  };
}
