/**
 * Which SLO definitions a /metrics page can feed: the smoke check's "/metrics exposed, business
 * SLO series missing" (CONTRACT §4) and the page's per-scheme hint come from here.
 */
import { metricNamesFor, type SloDefinition } from "./definitions";
import { parsePromText } from "./prom-text";

export interface SloPresence {
  id: string;
  scheme: SloDefinition["scheme"];
  present: string[];
  missing: string[];
  complete: boolean;
}

export interface MetricsPresenceReport {
  /** Samples parsed from the page; 0 with errors means it is not Prometheus text at all. */
  sampleCount: number;
  parseErrors: { line: number; message: string }[];
  /** The platform's static page says so in a comment line. */
  expositionDisabledComment: boolean;
  slos: SloPresence[];
  /** Schemes with every definition's series present. */
  completeSchemes: SloDefinition["scheme"][];
  verdict: "slo_series_present" | "slo_series_partial" | "slo_series_missing" | "not_prometheus_text";
}

export function checkSloSeriesPresence(defs: readonly SloDefinition[], metricsText: string): MetricsPresenceReport {
  const parsed = parsePromText(metricsText);
  const names = new Set(parsed.samples.map((s) => s.name));
  const slos = defs.map((d) => {
    const wanted = metricNamesFor(d);
    const present = wanted.filter((n) => names.has(n));
    const missing = wanted.filter((n) => !names.has(n));
    return { id: d.id, scheme: d.scheme, present, missing, complete: missing.length === 0 };
  });
  const schemes = [...new Set(defs.map((d) => d.scheme))];
  const completeSchemes = schemes.filter((s) => slos.filter((x) => x.scheme === s).every((x) => x.complete));
  const anyComplete = slos.some((s) => s.complete);
  const verdict =
    parsed.samples.length === 0 && parsed.errors.length > 0
      ? "not_prometheus_text"
      : completeSchemes.length > 0
        ? "slo_series_present"
        : anyComplete
          ? "slo_series_partial"
          : "slo_series_missing";
  return {
    sampleCount: parsed.samples.length,
    parseErrors: parsed.errors,
    expositionDisabledComment: /^#\s*Prometheus exposition disabled/m.test(metricsText),
    slos,
    completeSchemes,
    verdict,
  };
}
