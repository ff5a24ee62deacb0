/**
 * The Prometheus rule file for the SLO definitions: one recording rule per SLO and window (the error
 * ratio), and the SRE Workbook's multiwindow, multi-burn-rate alerts (ch. 5, "Alerting on SLOs").
 * Pure: the script and the route only choose the definitions and the console URL.
 */
import { stringify } from "yaml";
import type { SloDefinition } from "@/lib/slo/definitions";
import { parseDuration } from "@/lib/slo/duration";
import { formatSelector, type Matcher, type Selector } from "@/lib/slo/selector";

export interface BurnWindow {
  severity: "page" | "ticket";
  long: string;
  short: string;
  /** Burn-rate factor: the alert fires when both windows burn budget this many times faster than sustainable. */
  factor: number;
}

/** The Workbook's recommendation for a 30-day SLO (2 % of budget in 1 h, 5 % in 6 h, 10 % in 3 d). */
export const WORKBOOK_WINDOWS: readonly BurnWindow[] = [
  { severity: "page", long: "1h", short: "5m", factor: 14.4 },
  { severity: "page", long: "6h", short: "30m", factor: 6 },
  { severity: "ticket", long: "3d", short: "6h", factor: 1 },
];

export interface SloRulesOptions {
  /** The console's public URL (NEXTAUTH_URL) for the annotation links; omitted links when unknown. */
  consoleUrl?: string;
  /** Windows to alert on; tests pass seconds-long windows to see alerts fire within a test run. */
  windows?: readonly BurnWindow[];
  /** Rule group name (one group per file). */
  groupName?: string;
  /** Rule evaluation interval of the group, e.g. "30s"; Prometheus's global one when unset. */
  interval?: string;
  /**
   * Leave annotations out (promtool unit tests compare annotations verbatim, and the description carries
   * the live value); expressions and labels are the same either way.
   */
  annotations?: boolean;
}

/** `a-login-success` → `a_login_success`: recording rule names allow no dashes. */
const snake = (id: string) => id.replace(/-/g, "_");

/** Per-SLO recording rule name, so the coverage check (which follows rule names) ties each alert to its SLO. */
export function errorRatioRecord(def: SloDefinition, window: string): string {
  return `slo:${snake(def.id)}:error_ratio_rate${window}`;
}

/** Alert names: one per SLO and severity, CamelCase so they read well in Alertmanager and Slack. */
export function burnAlertName(def: SloDefinition, severity: BurnWindow["severity"]): string {
  const camel = def.id.split("-").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
  return `SLOBurn${camel}${severity === "page" ? "Page" : "Ticket"}`;
}

/** Escapes a literal for a PromQL regex inside a double-quoted string. */
const reLiteral = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `le` as different clients print it: Go prints 2 as "2", Python as "2.0". Prometheus 2.x does not normalise. */
function leMatcher(threshold: number): Matcher {
  const forms = new Set([String(threshold), Number.isInteger(threshold) ? threshold.toFixed(1) : String(threshold)]);
  return { label: "le", op: "=~", value: [...forms].map(reLiteral).join("|") };
}

const sumRate = (sel: Selector, w: string, metric?: string, extra: Matcher[] = []) =>
  `sum(rate(${formatSelector(sel, metric, extra)}[${w}]))`;

/** Error ratio over a window; a missing "bad"/"good" series (no 5xx yet) counts as zero, not as no data. */
export function errorRatioExpr(def: SloDefinition, w: string): string {
  const i = def.indicator;
  if (i.kind === "error_ratio") return `(${sumRate(i.bad, w)} or vector(0))\n/\n${sumRate(i.total, w)}`;
  if (i.kind === "ratio") {
    return `(${sumRate(i.total, w)} - (${sumRate(i.good, w)} or vector(0)))\n/\n${sumRate(i.total, w)}`;
  }
  const bucket = `${i.histogram.metric}_bucket`;
  const total = sumRate(i.histogram, w, bucket, [{ label: "le", op: "=", value: "+Inf" }]);
  const good = sumRate(i.histogram, w, bucket, [leMatcher(i.thresholdSeconds)]);
  return `(${total} - (${good} or vector(0)))\n/\n${total}`;
}

function link(base: string | undefined, p: string): string | undefined {
  if (!base) return undefined;
  return `${base.replace(/\/+$/, "")}${p}`;
}

interface RecordingRule { record: string; expr: string; labels: Record<string, string> }
interface AlertingRule { alert: string; expr: string; for?: string; labels: Record<string, string>; annotations: Record<string, string> }

function rulesFor(def: SloDefinition, windows: readonly BurnWindow[], consoleUrl: string | undefined, withAnnotations: boolean) {
  const used = [...new Set(windows.flatMap((w) => [w.long, w.short]))].sort((a, b) => parseDuration(a)! - parseDuration(b)!);
  const sloLabels = { slo: def.id, slo_scheme: def.scheme };
  const recording: RecordingRule[] = used.map((w) => ({ record: errorRatioRecord(def, w), expr: errorRatioExpr(def, w), labels: sloLabels }));
  const budget = Number((1 - def.objective).toFixed(6));
  const alerting: AlertingRule[] = [];
  for (const severity of ["page", "ticket"] as const) {
    const pairs = windows.filter((w) => w.severity === severity);
    if (pairs.length === 0) continue;
    // Both windows over the threshold: the long one proves it matters, the short one that it is still happening.
    const expr = pairs
      .map((p) => `(\n  ${errorRatioRecord(def, p.long)} > (${p.factor} * (1 - ${def.objective}))\nand\n  ${errorRatioRecord(def, p.short)} > (${p.factor} * (1 - ${def.objective}))\n)`)
      .join("\nor\n");
    const windowsText = pairs.map((p) => `${p.long}/${p.short} at ${p.factor}×`).join(", ");
    const annotations: Record<string, string> = {
      value: "{{ $value }}",
      summary: `${def.name} (scheme ${def.scheme}) is burning its error budget too fast`,
      description:
        `Error ratio {{ $value | humanizePercentage }} against a budget of ${Number((budget * 100).toFixed(4))} % ` +
        `(objective ${Number((def.objective * 100).toFixed(4))} % over ${def.period}); windows ${windowsText}. Runbook §${def.runbookSection}.`,
    };
    const sloUrl = link(consoleUrl, `/slo#slo-${def.id}`);
    const runbookUrl = link(consoleUrl, `/runbook#section-${def.runbookSection}`);
    if (sloUrl) annotations.slo_url = sloUrl;
    if (runbookUrl) annotations.runbook_url = runbookUrl;
    alerting.push({
      alert: burnAlertName(def, severity),
      expr,
      labels: { severity, ...sloLabels, runbook_section: String(def.runbookSection), burn_windows: pairs.map((p) => `${p.long}/${p.short}`).join(",") },
      annotations: withAnnotations ? annotations : {},
    });
  }
  return { recording, alerting };
}

/** The rule file as an object (one group); `sloRulesYaml` renders it. */
export function sloRuleGroups(defs: readonly SloDefinition[], opts: SloRulesOptions = {}) {
  const windows = opts.windows ?? WORKBOOK_WINDOWS;
  for (const w of windows) {
    if (parseDuration(w.long) === undefined || parseDuration(w.short) === undefined) throw new Error(`bad burn window ${w.long}/${w.short}`);
    if (!(w.factor > 0)) throw new Error(`bad burn factor ${w.factor}`);
  }
  const rules: (RecordingRule | AlertingRule)[] = [];
  for (const def of defs) {
    const r = rulesFor(def, windows, opts.consoleUrl, opts.annotations ?? true);
    rules.push(...r.recording, ...r.alerting);
  }
  return { groups: [{ name: opts.groupName ?? "dotmac-console-slo-burn", ...(opts.interval ? { interval: opts.interval } : {}), rules }] };
}

export function sloRulesYaml(defs: readonly SloDefinition[], opts: SloRulesOptions = {}): string {
  const windows = (opts.windows ?? WORKBOOK_WINDOWS).map((w) => `${w.severity} ${w.long}/${w.short} ${w.factor}×`).join(", ");
  const header =
    `# Generated by the DotMac On-Call Console (npm run slo:rules / GET /api/slo/rules.yaml): ${defs.length} SLOs.\n` +
    `# Multiwindow, multi-burn-rate alerts (SRE Workbook ch. 5): ${windows}. Do not edit; regenerate.\n`;
  return header + stringify(sloRuleGroups(defs, opts), { lineWidth: 0, aliasDuplicateObjects: false });
}
