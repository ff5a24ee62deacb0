"use client";

import Link from "next/link";
import { AlertsTable } from "@/components/alerts/alerts-table";
import { sectionHref, sectionLabel, utc } from "@/components/alerts/format";
import { VerdictBadge } from "@/components/status/verdict-badge";
import type { AlertRecord, NotificationRecord } from "@/lib/store";

export interface IncidentAlertsData {
  alerts: AlertRecord[];
  notifications: NotificationRecord[];
}

/** The runbook section to start with: that of the first alert that opened the incident. */
export function startSection(data: IncidentAlertsData | undefined): string[] | null {
  const first = [...(data?.alerts ?? [])].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))[0];
  return first ? first.runbookSections : null;
}

/** Alerts of an incident, the runbook section they point to, and whether the team was told. */
export function IncidentAlerts({ data, error }: { data: IncidentAlertsData | undefined; error: string | null }) {
  if (!data) return error ? <p role="alert" className="text-sm text-[var(--bad)]">Alerts of this incident could not be read: {error}</p> : null;
  if (data.alerts.length === 0) return null;
  const start = startSection(data)!;
  const failed = data.notifications.filter((n) => n.status === "failed");
  return (
    <section className="panel flex flex-col gap-2 p-4" aria-label="Alerts of this incident" data-testid="incident-alerts">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="font-medium">Alerts ({data.alerts.filter((a) => a.status === "firing").length} firing, {data.alerts.filter((a) => a.status === "resolved").length} resolved)</h2>
        <Link href={start[0] === "general" ? sectionHref(start) : `#section-${start[0]}`} className="rounded bg-[var(--accent)] px-2 py-0.5 text-sm font-medium text-white" data-testid="start-section">
          Start with runbook {sectionLabel(start)}
        </Link>
      </div>
      <AlertsTable alerts={data.alerts} showIncident={false} />
      {data.notifications.length > 0 && (
        <div className="text-sm">
          <h3 className="muted text-xs font-medium">Team told</h3>
          <ul className="flex flex-col gap-1" data-testid="notifications">
            {data.notifications.map((n) => (
              <li key={n.id} className="flex flex-wrap items-center gap-2">
                <VerdictBadge tone={n.status === "sent" ? "pass" : n.status === "failed" ? "fail" : "info"} label={n.status} />
                <span>{n.event.replace(/_/g, " ")} → {n.target} webhook</span>
                <span className="muted text-xs">{utc(n.updatedAt)} · {n.attempts} attempt{n.attempts === 1 ? "" : "s"}</span>
                {n.lastError && <span className="text-xs text-[var(--bad)]">{n.lastError}</span>}
              </li>
            ))}
          </ul>
          {failed.length > 0 && (
            <p role="alert" className="mt-1 text-sm text-[var(--bad)]">
              {failed.length} notification{failed.length === 1 ? "" : "s"} could not be delivered: tell the team another way (runbook §10) and check NOTIFY_WEBHOOK_URL.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
