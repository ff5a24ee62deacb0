// Shapes of GET /api/slo/alerts as the browser receives them (type-only imports).
import type { AlertRulesReport, AlertRuleWindow, RuleReport } from "@/lib/server/alert-rules";

export type { AlertRuleWindow, RuleReport };
export type AlertRulesJson = AlertRulesReport & { fetchedAt: number };
export const ALERT_WINDOWS: readonly AlertRuleWindow[] = ["15m", "1h", "6h", "24h"];
export const parseAlertWindow = (v: string | null | undefined): AlertRuleWindow =>
  (ALERT_WINDOWS as readonly string[]).includes(v ?? "") ? (v as AlertRuleWindow) : "1h";

/** 24-hour UTC, like the rest of the console. */
export const utcTime = (ms: number) => `${new Date(ms).toISOString().slice(11, 19)} UTC`;
