"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef } from "react";
import { VerdictBadge } from "@/components/status/verdict-badge";
import { formatInstant } from "@/components/bgops/format-time";
import type { TimelineEvent } from "@/lib/domain/saga-timeline";

const ROW_HEIGHT = 36;

const KIND_TONE: Record<TimelineEvent["kind"], string> = {
  "forward-completed": "pass",
  "forward-failed": "fail",
  compensated: "warn",
  "compensation-failed": "fail",
  timeout: "fail",
  other: "neutral",
};

const KIND_TEXT: Record<TimelineEvent["kind"], string> = {
  "forward-completed": "completed",
  "forward-failed": "failed",
  compensated: "compensated",
  "compensation-failed": "compensation failed",
  timeout: "timed out",
  other: "",
};

/**
 * The saga's history, sorted by timestamp, virtualised: only the rows in view (plus a few) are in the
 * DOM, so a 10,000-entry history scrolls like a 10-entry one.
 */
export function HistoryList({
  events,
  total,
  local,
  focusSeq,
  onNearEnd,
}: {
  events: TimelineEvent[];
  /** Entries on the server (more than `events` until every page is loaded). */
  total: number;
  local: boolean;
  focusSeq: { seq: number; nonce: number } | null;
  /** Scrolled within a few rows of the last loaded entry: load the next page. */
  onNearEnd: () => void;
}) {
  const parentRef = useRef<HTMLDivElement>(null);
  // The virtualizer re-renders through its own state; skipping the compiler's memoisation here is intended.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: events.length, getScrollElement: () => parentRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });

  useEffect(() => {
    if (!focusSeq) return;
    const index = events.findIndex((e) => e.seq === focusSeq.seq);
    if (index === -1) return;
    virtualizer.scrollToIndex(index, { align: "center" });
    // The row exists only once it has scrolled into the window.
    const t = setTimeout(() => parentRef.current?.querySelector<HTMLElement>(`[data-seq="${focusSeq.seq}"]`)?.focus(), 60);
    return () => clearTimeout(t);
  }, [focusSeq, events, virtualizer]);

  const lastIndex = virtualizer.getVirtualItems().at(-1)?.index ?? 0;
  useEffect(() => {
    if (events.length < total && lastIndex >= events.length - 20) onNearEnd();
  }, [lastIndex, events.length, total, onNearEnd]);

  if (events.length === 0) return <p className="muted p-3 text-sm">No history entries match.</p>;
  return (
    <div ref={parentRef} className="h-[480px] overflow-auto rounded border border-[var(--border)]" role="table" aria-label="Saga history" aria-rowcount={total} data-testid="history-list">
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }} role="rowgroup">
        {virtualizer.getVirtualItems().map((item) => {
          const e = events[item.index]!;
          return (
            <div
              key={e.seq}
              role="row"
              aria-rowindex={item.index + 1}
              tabIndex={-1}
              data-seq={e.seq}
              data-testid="history-row"
              aria-current={focusSeq?.seq === e.seq ? "true" : undefined}
              className={`absolute left-0 grid w-full grid-cols-[15rem_14rem_10rem_5rem_1fr] items-center gap-2 border-b border-[var(--border)] px-2 text-sm outline-none focus:bg-[var(--panel-2)] ${e.isFirstFailure ? "bg-[var(--bad)]/10" : ""} ${focusSeq?.seq === e.seq ? "ring-2 ring-[var(--accent)] ring-inset" : ""}`}
              style={{ top: item.start, height: ROW_HEIGHT }}
            >
              <span role="cell" className="tabular font-mono text-xs">{formatInstant(e.atMs, local)}</span>
              <span role="cell" className="truncate" title={`${e.stepName} (${e.stepId ?? "no step id"})`}>
                {e.stepName} <span className="muted text-xs">{e.stepId}</span>
              </span>
              <span role="cell">
                <VerdictBadge tone={KIND_TONE[e.kind]} label={e.kind === "other" ? e.statusLabel : KIND_TEXT[e.kind]} />
                {e.isFirstFailure && <span className="sr-only"> (first failure)</span>}
              </span>
              <span role="cell" className="tabular muted text-xs">{e.retryCount === null ? "" : `retry ${e.retryCount}`}</span>
              <span role="cell" className="truncate text-xs" title={e.error ?? undefined}>{e.error ?? ""}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
