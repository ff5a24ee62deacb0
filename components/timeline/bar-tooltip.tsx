import { formatInstant } from "@/components/bgops/format-time";
import type { TimelineBar } from "@/lib/domain/saga-bars";
import { formatDuration } from "@/lib/domain/time";

const OUTCOME_TEXT: Record<TimelineBar["outcome"], string> = {
  completed: "completed",
  failed: "failed",
  running: "running",
  timeout: "timed out",
  compensated: "compensated",
  "compensation-failed": "compensation failed",
  mixed: "mixed outcomes",
};

/** The hovered or focused bar's times, duration, attempts and whole error; `left` is 0–1 of the chart's width. */
export function BarTooltip({ bar, local, left, below }: { bar: TimelineBar; local: boolean; left: number; below: boolean }) {
  const pct = Math.min(Math.max(left * 100, 15), 85);
  return (
    <div
      role="tooltip"
      data-testid="timeline-tooltip"
      className="panel pointer-events-none absolute z-20 w-max max-w-md -translate-x-1/2 p-2 text-xs shadow-lg"
      style={{ left: `${pct}%`, top: below ? "45%" : "5%" }}
    >
      <p className="font-medium">
        {bar.name}: {OUTCOME_TEXT[bar.outcome]}
        {bar.count > 1 ? ` (${bar.count} ${bar.lane === "compensation" ? "compensations" : "steps"})` : ""}
      </p>
      <p className="tabular font-mono">
        {formatInstant(bar.startMs, local)} → {formatInstant(bar.endMs, local)}
      </p>
      <p>took {formatDuration(bar.endMs - bar.startMs)}</p>
      {bar.segments.length > 1 && (
        <ul className="tabular mt-1 font-mono">
          {bar.segments.map((s) => (
            <li key={s.attempt ?? 0}>
              attempt {s.attempt}: {s.outcome === "retried" ? "failed, retried" : s.outcome}, {formatDuration(s.endMs - s.startMs)}
            </li>
          ))}
        </ul>
      )}
      {bar.estimated && <p className="muted">Attempt times estimated: history records only the last attempt; waits follow the platform&apos;s backoff.</p>}
      {bar.error && <p className="mt-1 break-words whitespace-pre-wrap text-[var(--bad)]">{bar.error}</p>}
    </div>
  );
}
