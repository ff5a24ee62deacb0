/**
 * Outbound "the team told" messages: a Slack-compatible incoming-webhook body ({text, blocks}) and a generic
 * JSON body, and delivery with bounded retries and exponential backoff. Pure but for the injected fetch.
 */
export type NotifyEvent = "incident_opened" | "alert_joined" | "incident_resolved";

export interface NotifyContext {
  event: NotifyEvent;
  incident: { id: string; title: string; severity: string; status: string; url: string | null };
  alert: { alertname: string; severity: string; status: string; runbookSections: string[]; summary: string | null; value: string | null } | null;
  runbookUrl: string | null;
}

const HEADLINE: Record<NotifyEvent, string> = {
  incident_opened: "Incident opened",
  alert_joined: "Alert joined incident",
  incident_resolved: "Incident resolved",
};

const sectionText = (s: string[]) => (s[0] === "general" ? "runbook (no section matched)" : `runbook §${s.join(", §")}`);

export function slackBody(c: NotifyContext): { text: string; blocks: unknown[] } {
  const link = c.incident.url ? `<${c.incident.url}|${c.incident.title}>` : c.incident.title;
  const lines = [`*${HEADLINE[c.event]}* (${c.incident.severity}): ${link}`];
  if (c.alert) {
    lines.push(`Alert \`${c.alert.alertname}\` ${c.alert.status} (${c.alert.severity})${c.alert.value ? ` value ${c.alert.value}` : ""}${c.alert.summary ? ` — ${c.alert.summary}` : ""}`);
    lines.push(`Start with ${c.runbookUrl ? `<${c.runbookUrl}|${sectionText(c.alert.runbookSections)}>` : sectionText(c.alert.runbookSections)}`);
  }
  const text = lines.join("\n");
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}

export function jsonBody(c: NotifyContext): Record<string, unknown> {
  return { source: "dotmac-oncall-console", event: c.event, at: new Date().toISOString(), incident: c.incident, alert: c.alert, runbookUrl: c.runbookUrl };
}

export interface DeliveryOptions {
  fetch: typeof fetch;
  attempts: number;
  baseDelayMs: number;
  timeoutMs: number;
  /** Called after every attempt (for the record the incident shows). */
  onAttempt?: (attempt: number, error: string | null) => void | Promise<void>;
  sleep?: (ms: number) => Promise<void>;
}

/** POSTs JSON until a 2xx or `attempts` tries; waits base, 2×base, 4×base … between. Never throws. */
export async function deliver(url: string, body: unknown, o: DeliveryOptions): Promise<{ ok: boolean; attempts: number; error: string | null }> {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let error: string | null = null;
  for (let attempt = 1; attempt <= o.attempts; attempt++) {
    try {
      const res = await o.fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(o.timeoutMs),
        redirect: "manual",
      });
      await res.body?.cancel().catch(() => {});
      error = res.ok ? null : `HTTP ${res.status}`;
    } catch (err) {
      const e = err as Error;
      error = e.name === "TimeoutError" ? `no answer within ${o.timeoutMs} ms` : `${e.message}${(e.cause as Error | undefined)?.message ? ` (${(e.cause as Error).message})` : ""}`;
    }
    await o.onAttempt?.(attempt, error);
    if (error === null) return { ok: true, attempts: attempt, error: null };
    if (attempt < o.attempts) await sleep(o.baseDelayMs * 2 ** (attempt - 1));
  }
  return { ok: false, attempts: o.attempts, error };
}
