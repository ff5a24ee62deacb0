import Link from "next/link";
import { VerdictBadge } from "@/components/status/verdict-badge";
import { formatTime } from "@/lib/incidents/format";
import type { Incident } from "@/lib/store";

/** Open incidents first (the store's order), each with its progress. */
export function IncidentList({ incidents }: { incidents: Incident[] }) {
  if (incidents.length === 0) return <p className="muted text-sm">No incidents yet.</p>;
  return (
    <table className="w-full text-sm" aria-label="Incidents">
      <thead className="muted text-left text-xs">
        <tr>
          <th className="py-1 pr-3">status</th>
          <th className="py-1 pr-3">severity</th>
          <th className="py-1 pr-3">title</th>
          <th className="py-1 pr-3">tenant</th>
          <th className="py-1 pr-3">started</th>
          <th className="py-1 pr-3">progress</th>
        </tr>
      </thead>
      <tbody>
        {incidents.map((i) => (
          <tr key={i.id} className="border-t border-[var(--border)]" data-incident-id={i.id}>
            <td className="py-1.5 pr-3"><VerdictBadge tone={i.status === "open" ? "warn" : "completed"} label={i.status} /></td>
            <td className="py-1.5 pr-3">{i.severity.toUpperCase()}</td>
            <td className="py-1.5 pr-3"><Link href={`/incidents/${i.id}`} className="text-[var(--accent)] underline">{i.title}</Link></td>
            <td className="py-1.5 pr-3">{i.tenant ?? "all"}</td>
            <td className="py-1.5 pr-3 tabular">{formatTime(i.startedAt)}</td>
            <td className="py-1.5 pr-3 tabular">{i.counts.done + i.counts.skipped}/{i.counts.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
