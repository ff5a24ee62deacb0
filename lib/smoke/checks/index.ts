import type { CheckDef } from "@/lib/smoke/context";
import { mgmtHealthChecks } from "@/lib/smoke/checks/mgmt-health";
import { portalHealthChecks } from "@/lib/smoke/checks/portal-health";
import { clientChecks } from "@/lib/smoke/checks/client-check";
import { metricsCheck, type SloSeriesScheme } from "@/lib/smoke/checks/metrics";
import { bgopsChecks } from "@/lib/smoke/checks/bgops";
import { authRefreshChecks } from "@/lib/smoke/checks/auth-refresh";
import { clockSkewChecks } from "@/lib/smoke/checks/clock-skew";
import { vaultCheck } from "@/lib/smoke/checks/vault";
import { isolationChecks } from "@/lib/smoke/checks/isolation";
import { alertRulesCheck, type AlertRulesCheckOptions } from "@/lib/smoke/checks/alert-rules";

export interface CheckSelection {
  includeIsolation?: boolean;
  includeVault?: boolean;
  sloSchemes?: SloSeriesScheme[];
  /** Set only when a rules source is configured (PROMETHEUS_URL or ALERT_RULE_FILES). */
  alertRules?: AlertRulesCheckOptions;
}

/** Every check of a smoke run, in the order results are reported. */
export function smokeChecks(sel: CheckSelection = {}): CheckDef[] {
  return [
    ...mgmtHealthChecks,
    ...portalHealthChecks,
    ...clientChecks,
    metricsCheck(sel.sloSchemes),
    ...(sel.alertRules ? [alertRulesCheck(sel.alertRules)] : []),
    ...bgopsChecks,
    ...authRefreshChecks,
    ...clockSkewChecks,
    ...(sel.includeVault ? [vaultCheck] : []),
    ...(sel.includeIsolation ? isolationChecks : []),
  ];
}

/** The checks behind the /health matrix: every probe, plus one cheap bgops read and /metrics (SLO series present). */
export function healthChecks(sel: Pick<CheckSelection, "sloSchemes"> = {}): CheckDef[] {
  return [...mgmtHealthChecks, ...portalHealthChecks, ...bgopsChecks, metricsCheck(sel.sloSchemes)];
}

/** Which matrix column a non-probe check of healthChecks() fills. */
export const WATCH_COLUMNS: Record<string, "bgops" | "metrics"> = { "mgmt.bgops": "bgops", "mgmt.metrics": "metrics" };
