import Link from "next/link";
import { extraLabels, sectionHref, sectionLabel, severityTone, utc } from "@/components/alerts/format";
import { VerdictBadge } from "@/components/status/verdict-badge";
import type { AlertRecord } from "@/lib/store";

/** Alerts as the receiver recorded them: resolved ones stay, marked. */
export function AlertsTable({ alerts, showIncident = true }: { alerts: AlertRecord[]; showIncident?: boolean }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="alerts-table">
        <thead className="muted text-xs">
          <tr>
            <th className="p-2">State</th>
            <th className="p-2">Alert</th>
            <th className="p-2">Severity</th>
            <th className="p-2">Service</th>
            <th className="p-2">Runbook</th>
            <th className="p-2">Value</th>
            <th className="p-2">Since</th>
            <th className="p-2">Ended</th>
            {showIncident && <th className="p-2">Incident</th>}
          </tr>
        </thead>
        <tbody>
          {alerts.map((a) => (
            <tr key={a.id} className="border-t border-[var(--border)] align-top" data-testid="alert-row" data-status={a.status}>
              <td className="p-2"><VerdictBadge tone={a.status === "firing" ? "fail" : "completed"} label={a.status} /></td>
              <td className="p-2">
                <div className="font-medium">{a.alertname}</div>
                {a.annotations.summary && <div className="muted text-xs">{a.annotations.summary}</div>}
                <details className="text-xs">
                  <summary className="muted cursor-pointer">labels</summary>
                  <ul className="font-mono">
                    {extraLabels(a).map(([k, v]) => <li key={k}>{k}=&quot;{v}&quot;</li>)}
                  </ul>
                </details>
              </td>
              <td className="p-2"><VerdictBadge tone={severityTone(a.severity)} label={a.severity} /></td>
              <td className="p-2">{a.service ?? <span className="muted">—</span>}</td>
              <td className="p-2">
                <Link className="underline" href={sectionHref(a.runbookSections)} title={`from ${a.sectionSource}`}>{sectionLabel(a.runbookSections)}</Link>
              </td>
              <td className="p-2 font-mono text-xs">{a.value ?? "—"}</td>
              <td className="p-2 whitespace-nowrap">{utc(a.startsAt)}</td>
              <td className="p-2 whitespace-nowrap">{a.status === "resolved" ? utc(a.endsAt ?? a.resolvedAt) : <span className="muted">still firing</span>}</td>
              {showIncident && (
                <td className="p-2">
                  {a.incidentId ? <Link className="underline" href={`/incidents/${a.incidentId}`}>open incident</Link> : <span className="muted">listed only</span>}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
