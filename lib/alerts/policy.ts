/** From one webhook alert to the record the store keeps and what the receiver does with it. Pure. */
import type { AlertInput } from "../store/alert-repo";
import { mapAlertToRunbook, type RunbookMapRule } from "./runbook-map";
import { amTime, type WebhookAlert, type WebhookPayload } from "./webhook";

/** Severities that open (or join) an incident unless ALERT_INCIDENT_SEVERITIES says otherwise. */
export const DEFAULT_INCIDENT_SEVERITIES = ["critical", "page"] as const;

export interface PolicyOptions {
  incidentSeverities: readonly string[];
  runbookMap: readonly RunbookMapRule[];
}

export function severityOf(alert: Pick<WebhookAlert, "labels">): string {
  return (alert.labels.severity ?? "").trim().toLowerCase() || "none";
}

/** The console's incident severity for an alert that opens one. */
export function incidentSeverity(alertSeverity: string): "sev1" | "sev2" | "sev3" {
  return alertSeverity === "critical" ? "sev1" : alertSeverity === "page" ? "sev2" : "sev3";
}

export function alertTitle(alert: Pick<WebhookAlert, "labels" | "annotations">): string {
  const summary = alert.annotations.summary?.trim();
  const name = alert.labels.alertname!;
  return (summary ? `${name}: ${summary}` : name).slice(0, 200);
}

export function planAlert(payload: WebhookPayload, alert: WebhookAlert, opts: PolicyOptions): AlertInput {
  const severity = severityOf(alert);
  const mapping = mapAlertToRunbook(alert, opts.runbookMap);
  return {
    fingerprint: alert.fingerprint,
    startsAt: amTime(alert.startsAt) ?? 0,
    alertname: alert.labels.alertname!,
    status: alert.status,
    severity,
    service: alert.labels.service ?? alert.labels.job ?? null,
    groupKey: payload.groupKey,
    labels: alert.labels,
    annotations: alert.annotations,
    value: alert.annotations.value?.slice(0, 500) ?? null,
    runbookSections: mapping.sections,
    sectionSource: mapping.source,
    generatorUrl: alert.generatorURL || null,
    endsAt: alert.status === "resolved" ? amTime(alert.endsAt) : null,
    action: opts.incidentSeverities.includes(severity) ? "incident" : "listed",
  };
}

export function parseSeverityList(text: string | undefined): string[] {
  const list = (text ?? "").split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
  return list.length ? list : [...DEFAULT_INCIDENT_SEVERITIES];
}
