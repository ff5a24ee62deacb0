import { expect, test } from "vitest";
import { parseConsoleEnv } from "@/lib/config/console-env";
import { incidentSeverity, parseSeverityList, planAlert } from "./policy";
import { zWebhookPayload } from "./webhook";

const payload = zWebhookPayload.parse({
  version: "4", groupKey: "{}:{alertname=\"X\"}", status: "firing", receiver: "r", groupLabels: {}, commonLabels: {}, commonAnnotations: {},
  alerts: [
    { status: "firing", labels: { alertname: "LoginLatencyHigh", severity: "Critical", job: "mgmt" }, annotations: { value: "2.5" }, startsAt: "2026-12-06T01:00:00.5Z", endsAt: "0001-01-01T00:00:00Z", fingerprint: "f1" },
    { status: "resolved", labels: { alertname: "Other" }, annotations: {}, startsAt: "2026-12-06T01:00:00Z", endsAt: "2026-12-06T01:05:00Z", fingerprint: "f2" },
  ],
});

test("which severities open an incident is configurable; the rest are listed", () => {
  const [crit, other] = payload.alerts;
  const byDefault = { incidentSeverities: parseSeverityList(undefined), runbookMap: [] };
  expect(planAlert(payload, crit!, byDefault)).toMatchObject({ severity: "critical", action: "incident", service: "mgmt", value: "2.5", startsAt: Date.parse("2026-12-06T01:00:00.5Z"), endsAt: null, runbookSections: ["3", "6"] });
  expect(planAlert(payload, other!, byDefault)).toMatchObject({ severity: "none", action: "listed", endsAt: Date.parse("2026-12-06T01:05:00Z"), runbookSections: ["general"] });
  const onlyNone = { incidentSeverities: parseSeverityList(" none ,Warning"), runbookMap: [] };
  expect(planAlert(payload, crit!, onlyNone).action).toBe("listed");
  expect(planAlert(payload, other!, onlyNone).action).toBe("incident");
  expect([incidentSeverity("critical"), incidentSeverity("page"), incidentSeverity("none")]).toEqual(["sev1", "sev2", "sev3"]);
});

test("the console's alert settings are validated at start, the token never echoed", () => {
  const ok = parseConsoleEnv({ ALERTMANAGER_WEBHOOK_TOKEN: "0123456789abcdef0123", ALERT_INCIDENT_SEVERITIES: "critical", NOTIFY_WEBHOOK_URL: "https://hooks.example.com/x" });
  expect(ok.ok && ok.value).toMatchObject({ alertmanagerToken: "0123456789abcdef0123", alertIncidentSeverities: ["critical"], notifyWebhookUrl: "https://hooks.example.com/x", notifyRetryBaseMs: 1000 });
  const bad = parseConsoleEnv({ ALERTMANAGER_WEBHOOK_TOKEN: "short", NOTIFY_JSON_WEBHOOK_URL: "ftp://x", ALERT_INCIDENT_SEVERITIES: "crit;ical" });
  expect(bad.ok).toBe(false);
  if (bad.ok) return;
  expect(bad.problems.map((p) => [p.variable, p.value])).toEqual([["ALERTMANAGER_WEBHOOK_TOKEN", "(hidden)"], ["ALERT_INCIDENT_SEVERITIES", "crit;ical"], ["NOTIFY_JSON_WEBHOOK_URL", "ftp://x"]]);
});
