import { VerdictBadge } from "@/components/status/verdict-badge";
import { formatTime } from "@/lib/incidents/format";
import type { TimelineEntry } from "@/lib/incidents/types";

const TONE: Record<string, string> = { opened: "info", resolved: "completed", note: "neutral", evidence: "info", step: "pass" };

/**
 * Steps, checks and notes in time order; every node has an accessible name that reads as a sentence. Quick
 * re-changes of a step are indented under the first one, each still with its own time and person.
 */
export function TimelineView({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <p className="muted text-sm">Nothing has happened on this incident yet.</p>;
  return (
    <ol className="flex flex-col" aria-label="Incident timeline">
      {entries.map((e) => (
        <li key={e.seq} className={`flex gap-3 border-l-2 border-[var(--border)] py-1.5 text-sm ${e.foldedInto !== undefined ? "pl-8" : "pl-3"}`} aria-label={`${formatTime(e.at)} ${e.actor}: ${e.summary}${e.detail ? ` — ${e.detail}` : ""}`}>
          <span className="muted w-40 shrink-0 tabular text-xs">{formatTime(e.at)}</span>
          <span className="w-20 shrink-0">
            <VerdictBadge tone={e.state === "skipped" ? "warn" : e.state === "todo" ? "neutral" : (TONE[e.kind] ?? "neutral")} label={e.kind} />
          </span>
          <span className="min-w-0 flex-1">
            <span className="muted">{e.actor}</span> {e.summary}
            {e.foldedInto !== undefined ? <span className="muted"> (changed again)</span> : null}
            {e.detail && <span className="block text-xs">{e.detail}</span>}
            {e.evidence?.data !== undefined && (
              <details className="text-xs">
                <summary className="muted cursor-pointer">saved snapshot</summary>
                <pre className="max-h-64 overflow-auto rounded bg-[var(--panel-2)] p-2">{JSON.stringify(e.evidence.data, null, 2)}</pre>
              </details>
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}
