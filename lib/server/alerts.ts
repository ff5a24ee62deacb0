import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { timingSafeEqual } from "node:crypto";
import { alertTitle, incidentSeverity, planAlert } from "@/lib/alerts/policy";
import { GENERAL_SECTION, parseRunbookMap, type RunbookMapRule } from "@/lib/alerts/runbook-map";
import { ALERT_RECEIVER_ACTOR, zWebhookPayload, type WebhookAlert, type WebhookPayload } from "@/lib/alerts/webhook";
import { getEnv } from "@/lib/env";
import { readBodyCapped } from "@/lib/http/body-limit";
import { ApiError, ERROR_STATUS, type ErrorCode } from "@/lib/http/errors";
import { toApiError } from "@/lib/http/map-error";
import { authorize } from "@/lib/server/access";
import { newIncidentInput } from "@/lib/server/incidents";
import { consoleLink, notifyTeam } from "@/lib/server/notify";
import { getStore } from "@/lib/server/store";
import type { AlertQuery, AlertRecord, Store } from "@/lib/store";

export const RECEIVER_ACTOR = ALERT_RECEIVER_ACTOR;
export const MAX_WEBHOOK_BYTES = 1_000_000;
/** Marks an alert whose incident is being opened by one replica, so a concurrent delivery does not open a second. */
const CLAIMING = "claiming";

function envelope(code: ErrorCode, message: string, details?: unknown): Response {
  return Response.json({ error: details === undefined ? { code, message } : { code, message, details } }, { status: ERROR_STATUS[code], headers: { "Cache-Control": "no-store" } });
}

function bearerMatches(header: string | null, expected: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? "");
  const given = Buffer.from(m?.[1]?.trim() ?? "");
  const want = Buffer.from(expected);
  return given.length === want.length && timingSafeEqual(given, want);
}

/** Reads at most `limit` bytes (the one capped reader of lib/http); null when the body is larger. */
async function readLimited(req: Request, limit: number): Promise<string | null> {
  try {
    return Buffer.from(await readBodyCapped(req, limit)).toString("utf8");
  } catch (e) {
    if (e instanceof ApiError && e.code === "payload_too_large") return null;
    throw e;
  }
}

async function runbookMap(): Promise<{ rules: RunbookMapRule[]; warning?: string }> {
  const file = getEnv().console.alertRunbookMap;
  if (!file) return { rules: [] };
  const full = path.resolve(process.cwd(), file);
  try {
    const parsed = parseRunbookMap(await readFile(full, "utf8"));
    if (parsed.ok) return { rules: parsed.rules };
    return { rules: [], warning: `ALERT_RUNBOOK_MAP ${full}: ${parsed.error}; the shipped defaults were used` };
  } catch (err) {
    return { rules: [], warning: `ALERT_RUNBOOK_MAP: cannot read ${full} (${(err as NodeJS.ErrnoException).code ?? String(err)}); the shipped defaults were used` };
  }
}

export interface AlertOutcome {
  alertname: string;
  fingerprint: string;
  status: string;
  severity: string;
  runbookSections: string[];
  /** What this delivery did: a duplicate changes nothing. */
  did: "opened_incident" | "joined_incident" | "listed" | "resolved" | "resolved_incident" | "updated" | "duplicate";
  incidentId: string | null;
}

function sectionsText(s: string[]): string {
  return s[0] === GENERAL_SECTION ? "no runbook section matched: start from the top (general)" : `runbook §${s.join(", then §")}`;
}

function alertLine(a: AlertRecord): string {
  const summary = a.annotations.summary ? ` — ${a.annotations.summary}` : "";
  return `Alert ${a.alertname} (${a.severity}) ${a.status}${a.value ? `, value ${a.value}` : ""}${summary}. ${sectionsText(a.runbookSections)} (from ${a.sectionSource}).`;
}

function notifyAlert(a: AlertRecord) {
  return { alertname: a.alertname, severity: a.severity, status: a.status, runbookSections: a.runbookSections, summary: a.annotations.summary ?? null, value: a.value };
}
const runbookLink = (a: AlertRecord) => consoleLink(a.runbookSections[0] === GENERAL_SECTION ? "/runbook" : `/runbook#section-${a.runbookSections[0]}`);

/** The SLO card at firing time, as evidence, when the alert names one of the console's SLOs. Best effort. */
async function attachSloEvidence(store: Store, incidentId: string, a: AlertRecord): Promise<void> {
  const sloId = a.labels.slo;
  if (!sloId) return;
  try {
    const { buildSloReport } = await import("@/lib/server/slo-report");
    const report = await buildSloReport("1h");
    const card = report.slos.find((s) => s.id === sloId);
    if (!card) return;
    const e = card.evaluation;
    const summary = `${card.name}: ${card.state}; budget ${e.budgetRemaining === null ? "unknown" : `${(e.budgetRemaining * 100).toFixed(1)} % left`}; 1h burn rate ${card.window.burnRate === null ? "—" : card.window.burnRate.toFixed(2)}`;
    await store.incidents.attachEvidence({
      incidentId, actor: RECEIVER_ACTOR, kind: "slo", title: `SLO at firing time: ${card.name} (scheme ${card.scheme})`,
      payload: { verdict: card.state, summary, capturedAt: new Date().toISOString(), alert: a.alertname, slo: card },
    });
  } catch (err) {
    await store.incidents.addNote({ incidentId, actor: RECEIVER_ACTOR, text: `The SLO card for ${sloId} could not be captured at firing time: ${(err as Error).message}` }).catch(() => {});
  }
}

async function openOrJoin(store: Store, a: AlertRecord): Promise<AlertOutcome["did"] | null> {
  if (!(await store.alerts.claimIncident(a.id, CLAIMING))) return null;
  try {
    let joined = await store.alerts.openIncidentForGroup(a.groupKey);
    if (!joined) {
      // The store decides between replicas: of two alerts of one group arriving at once, one opens, one joins.
      const input = await newIncidentInput(RECEIVER_ACTOR, { title: alertTitle(a), severity: incidentSeverity(a.severity), startedAt: a.startsAt });
      const { incident, created } = await store.incidents.openForAlertGroup({ ...input, alertGroupKey: a.groupKey });
      if (created) {
        await store.alerts.claimIncident(a.id, incident.id, CLAIMING);
        a.incidentId = incident.id;
        await store.incidents.addNote({ incidentId: incident.id, actor: RECEIVER_ACTOR, text: `Opened by ${alertLine(a)}` });
        notifyTeam({ event: "incident_opened", incident: { id: incident.id, title: incident.title, severity: incident.severity, status: "open", url: consoleLink(`/incidents/${incident.id}`) }, alert: notifyAlert(a), runbookUrl: runbookLink(a) });
        void attachSloEvidence(store, incident.id, a);
        return "opened_incident";
      }
      joined = incident.id;
    }
    await store.alerts.claimIncident(a.id, joined, CLAIMING);
    a.incidentId = joined;
    await store.incidents.addNote({ incidentId: joined, actor: RECEIVER_ACTOR, text: `Joined: ${alertLine(a)}` });
    const incident = await store.incidents.get(joined);
    if (incident) notifyTeam({ event: "alert_joined", incident: { id: joined, title: incident.title, severity: incident.severity, status: incident.status, url: consoleLink(`/incidents/${joined}`) }, alert: notifyAlert(a), runbookUrl: runbookLink(a) });
    return "joined_incident";
  } catch (err) {
    await store.alerts.claimIncident(a.id, null, CLAIMING).catch(() => {});
    throw err;
  }
}

async function onResolved(store: Store, a: AlertRecord): Promise<AlertOutcome["did"]> {
  const id = a.incidentId;
  if (!id || id === CLAIMING) return "resolved";
  const incident = await store.incidents.get(id);
  if (!incident) return "resolved";
  if (incident.status === "open") await store.incidents.addNote({ incidentId: id, actor: RECEIVER_ACTOR, text: `Resolved: ${alertLine(a)}` });
  const stillFiring = await store.alerts.list({ incidentId: id, status: "firing", limit: 1 });
  // Only an incident the receiver opened clears itself; one a person opened stays theirs to resolve.
  if (stillFiring.length > 0 || incident.status !== "open" || incident.openedBy !== RECEIVER_ACTOR) return "resolved";
  try {
    await store.incidents.resolve({ incidentId: id, actor: RECEIVER_ACTOR, summary: `Every alert of this incident resolved (last: ${a.alertname} at ${a.endsAt ?? a.updatedAt}).` });
  } catch {
    return "resolved"; // resolved meanwhile by a person or another replica
  }
  notifyTeam({ event: "incident_resolved", incident: { id, title: incident.title, severity: incident.severity, status: "resolved", url: consoleLink(`/incidents/${id}`) }, alert: notifyAlert(a), runbookUrl: runbookLink(a) });
  return "resolved_incident";
}

async function handleAlert(store: Store, payload: WebhookPayload, alert: WebhookAlert, rules: RunbookMapRule[]): Promise<AlertOutcome> {
  const env = getEnv().console;
  const { alert: a, created, resolvedNow } = await store.alerts.record(planAlert(payload, alert, { incidentSeverities: env.alertIncidentSeverities, runbookMap: rules }));
  let did: AlertOutcome["did"] = created ? (a.action === "listed" ? "listed" : "updated") : "duplicate";
  if (a.status === "firing" && a.action === "incident" && a.incidentId === null) did = (await openOrJoin(store, a)) ?? "duplicate";
  if (resolvedNow) did = await onResolved(store, a);
  else if (created && a.status === "resolved") did = "resolved";
  return { alertname: a.alertname, fingerprint: a.fingerprint, status: a.status, severity: a.severity, runbookSections: a.runbookSections, did, incidentId: a.incidentId === CLAIMING ? null : a.incidentId };
}

/** Every alert of one validated delivery, in order, against the given store (one replica's). */
export async function handlePayload(store: Store, payload: WebhookPayload, rules: RunbookMapRule[]): Promise<AlertOutcome[]> {
  const outcomes: AlertOutcome[] = [];
  for (const alert of payload.alerts) outcomes.push(await handleAlert(store, payload, alert, rules));
  return outcomes;
}

/**
 * POST /api/alerts/alertmanager: machine-to-machine, authenticated by ALERTMANAGER_WEBHOOK_TOKEN (no session).
 * Idempotent per alert fingerprint + startsAt, so Alertmanager's retries and HA peers are harmless.
 */
export async function receiveAlertmanager(req: Request): Promise<Response> {
  try {
    const token = getEnv().console.alertmanagerToken;
    const auth = req.headers.get("authorization");
    if (!token) {
      // Without credentials the answer is the same 401 as everywhere; with some, say why they cannot work.
      if (!auth) return envelope("unauthenticated", "Send Authorization: Bearer <ALERTMANAGER_WEBHOOK_TOKEN>. (The receiver is also disabled on this console: ALERTMANAGER_WEBHOOK_TOKEN is not set.)");
      return envelope("not_configured", "The Alertmanager receiver is disabled: set ALERTMANAGER_WEBHOOK_TOKEN on the console (at least 16 characters) and the same token in Alertmanager's webhook http_config.");
    }
    if (!bearerMatches(auth, token)) {
      return envelope("unauthenticated", "Send Authorization: Bearer <ALERTMANAGER_WEBHOOK_TOKEN> (Alertmanager webhook_configs → http_config → authorization → credentials).");
    }
    if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
      return envelope("invalid_input", "Send the Alertmanager webhook payload as application/json.");
    }
    const text = await readLimited(req, MAX_WEBHOOK_BYTES);
    if (text === null) return envelope("payload_too_large", `The webhook payload is larger than ${MAX_WEBHOOK_BYTES} bytes; lower max_alerts in Alertmanager's webhook_configs.`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return envelope("invalid_input", "The webhook payload is not valid JSON.");
    }
    const parsed = zWebhookPayload.safeParse(json);
    if (!parsed.success) {
      const details = parsed.error.issues.slice(0, 10).map((i) => ({ field: i.path.map(String).join(".") || "payload", message: i.message }));
      return envelope("validation_failed", `Not an Alertmanager webhook payload: ${details[0]!.field} ${details[0]!.message}.`, details);
    }
    const store = await getStore();
    const map = await runbookMap();
    if (map.warning) console.error(`[alerts] ${map.warning}`);
    const outcomes = await handlePayload(store, parsed.data, map.rules);
    const changed = outcomes.filter((o) => o.did !== "duplicate");
    if (changed.length > 0) {
      await store.audit.append({
        actor: RECEIVER_ACTOR, role: "machine", action: "alerts.receive", target: parsed.data.groupKey.slice(0, 500), outcome: "ok",
        details: { receiver: parsed.data.receiver, status: parsed.data.status, alerts: changed.map((o) => ({ alertname: o.alertname, fingerprint: o.fingerprint, status: o.status, did: o.did, incidentId: o.incidentId, runbookSections: o.runbookSections })) },
      }).catch((err: Error) => console.error(`[audit] could not record alerts.receive: ${err.message}`));
    }
    return Response.json({ received: outcomes.length, outcomes, ...(map.warning ? { warning: map.warning } : {}) }, { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    const e = toApiError(err);
    if (e.code === "internal") console.error("[alerts] unexpected error", err);
    return envelope(e.code, e.message, e.details);
  }
}

export async function listAlerts(q: AlertQuery) {
  await authorize("viewer");
  const store = await getStore();
  const [alerts, firing] = await Promise.all([store.alerts.list({ ...q, limit: q.limit ?? 500 }), store.alerts.countFiring()]);
  return { alerts, firing };
}

export async function incidentAlerts(incidentId: string) {
  await authorize("viewer");
  const store = await getStore();
  const [alerts, notifications] = await Promise.all([store.alerts.list({ incidentId, limit: 1000 }), store.notifications.forIncident(incidentId)]);
  return { alerts, notifications };
}
