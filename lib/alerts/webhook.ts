/** Alertmanager's webhook payload (version "4", Alertmanager ≥ 0.16), validated before anything is stored. */
import { z } from "zod";

const labelSet = z.record(z.string().max(200), z.string().max(10_000)).default({});
/** Alertmanager writes "0001-01-01T00:00:00Z" for "no end yet". */
const time = z.string().max(100).refine((t) => Number.isFinite(Date.parse(t)), "not a timestamp");

export const zWebhookAlert = z.object({
  status: z.enum(["firing", "resolved"]),
  labels: labelSet.refine((l) => typeof l.alertname === "string" && l.alertname !== "", "needs an alertname label"),
  annotations: labelSet,
  startsAt: time,
  endsAt: time.optional(),
  generatorURL: z.string().max(5000).optional(),
  fingerprint: z.string().min(1).max(200),
});

export const zWebhookPayload = z.object({
  version: z.literal("4", { error: 'only Alertmanager webhook version "4" is understood' }),
  groupKey: z.string().min(1).max(5000),
  truncatedAlerts: z.number().int().min(0).optional(),
  status: z.enum(["firing", "resolved"]),
  receiver: z.string().max(500),
  groupLabels: labelSet,
  commonLabels: labelSet,
  commonAnnotations: labelSet,
  externalURL: z.string().max(5000).optional(),
  alerts: z.array(zWebhookAlert).min(1).max(1000),
});

export type WebhookPayload = z.output<typeof zWebhookPayload>;
export type WebhookAlert = z.output<typeof zWebhookAlert>;

/** Epoch ms of an Alertmanager time; null for Go's zero time (not ended). */
export function amTime(t: string | undefined): number | null {
  if (!t) return null;
  const ms = Date.parse(t);
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}

/** Who the receiver acts as on incidents (openedBy, note authors, the audit trail). */
export const ALERT_RECEIVER_ACTOR = "alertmanager";
