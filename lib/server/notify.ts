import "server-only";
import { deliver, jsonBody, slackBody, type NotifyContext } from "@/lib/alerts/notify";
import { ALERT_RECEIVER_ACTOR } from "@/lib/alerts/webhook";
import { getEnv } from "@/lib/env";
import { getStore } from "@/lib/server/store";

export const NOTIFY_ATTEMPTS = 4;
// On globalThis, not module state: route handlers and pages are bundled apart but share the process.
const KEY = Symbol.for("dotmac.console.notify-pending");
const pendingJobs = (): Set<Promise<void>> => ((globalThis as { [KEY]?: Set<Promise<void>> })[KEY] ??= new Set());

/** The console's public page for a path, when NEXTAUTH_URL says where the console lives. */
export function consoleLink(p: string): string | null {
  const base = process.env.NEXTAUTH_URL?.trim().replace(/\/+$/, "");
  return base ? `${base}${p}` : null;
}

/**
 * Tells the team (Slack-compatible and/or generic JSON webhook). Returns at once: delivery, retries and
 * backoff run in the background, so an Alertmanager webhook is never held up by a slow chat service.
 * Each delivery is recorded per incident; a final failure is also noted on the incident's timeline.
 */
export function notifyTeam(ctx: NotifyContext): void {
  const env = getEnv().console;
  const targets = [
    ...(env.notifyWebhookUrl ? [{ target: "slack", url: env.notifyWebhookUrl, body: slackBody(ctx) as unknown }] : []),
    ...(env.notifyJsonWebhookUrl ? [{ target: "json", url: env.notifyJsonWebhookUrl, body: jsonBody(ctx) as unknown }] : []),
  ];
  for (const t of targets) {
    const job = (async () => {
      const store = await getStore();
      const rec = await store.notifications.create({ incidentId: ctx.incident.id, event: ctx.event, target: t.target });
      const result = await deliver(t.url, t.body, {
        fetch: globalThis.fetch,
        attempts: NOTIFY_ATTEMPTS,
        baseDelayMs: env.notifyRetryBaseMs,
        timeoutMs: 5_000,
        onAttempt: (attempt, error) => store.notifications.update(rec.id, { status: error === null ? "sent" : "pending", attempts: attempt, lastError: error }),
      });
      if (!result.ok) {
        await store.notifications.update(rec.id, { status: "failed", attempts: result.attempts, lastError: result.error });
        await store.incidents.addNote({
          incidentId: ctx.incident.id,
          actor: ALERT_RECEIVER_ACTOR,
          text: `Could not tell the team (${t.target} webhook, ${ctx.event.replace(/_/g, " ")}): ${result.error} after ${result.attempts} attempts.`,
        });
      }
    })().catch((err) => console.error(`[notify] ${t.target}: ${(err as Error).message}`));
    pendingJobs().add(job);
    void job.finally(() => pendingJobs().delete(job));
  }
}

/** Resolves when every notification started so far has finished (tests, shutdown). */
export async function notificationsSettled(): Promise<void> {
  while (pendingJobs().size) await Promise.all([...pendingJobs()]);
}
