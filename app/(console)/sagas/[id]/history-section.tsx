"use client";

import { useMemo, useState } from "react";
import { HistoryList } from "@/components/timeline/history-list";
import { SagaTimelineChart } from "@/components/timeline/saga-timeline-chart";
import { filterHistory, historyStepOptions } from "@/lib/domain/filter-history";
import type { SagaBars } from "@/lib/domain/saga-bars";
import type { SagaTimeline } from "@/lib/domain/saga-timeline";

interface Props {
  timeline: SagaTimeline;
  bars: SagaBars;
  local: boolean;
  step: string;
  status: string;
  onFilter: (updates: { step?: string | null; status?: string | null }) => void;
}

/** Timeline + history list: filters by step and status (in the URL), "jump to first failure". */
export function HistorySection({ timeline, bars, local, step, status, onFilter }: Props) {
  const [focus, setFocus] = useState<{ seq: number; nonce: number } | null>(null);
  const steps = useMemo(() => historyStepOptions(timeline.events), [timeline]);
  const statuses = useMemo(() => [...new Set(timeline.events.map((e) => (e.status.value === "unknown" ? (e.status.raw ?? "missing") : e.status.value)))], [timeline]);
  const rows = useMemo(() => filterHistory(timeline.events, { stepId: step || null, status: status || null }), [timeline, step, status]);

  const jump = (seq: number) => {
    // A filtered-out row cannot be scrolled to: show everything, then jump.
    if (!rows.some((e) => e.seq === seq)) onFilter({ step: null, status: null });
    setFocus({ seq, nonce: Date.now() });
  };
  const first = timeline.firstFailureSeq;

  return (
    <section className="panel flex flex-col gap-3 p-4" aria-labelledby="history-heading">
      <SagaTimelineChart bars={bars} local={local} onSelect={jump} />
      <div className="flex flex-wrap items-end gap-3">
        <h2 id="history-heading" className="mr-auto font-semibold">
          History <span className="muted text-sm font-normal">({rows.length === timeline.events.length ? `${rows.length} entries` : `${rows.length} of ${timeline.events.length} entries`}, sorted by timestamp)</span>
        </h2>
        <label className="flex flex-col text-xs">
          <span className="muted">Step</span>
          <select className="max-w-64 rounded border border-[var(--border)] bg-[var(--panel)] px-2 py-1 text-sm" value={step} onChange={(e) => onFilter({ step: e.target.value || null })}>
            <option value="">All steps</option>
            {steps.map((s) => (
              <option key={s.stepId} value={s.stepId}>
                {s.stepName} ({s.stepId})
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs">
          <span className="muted">Status</span>
          <select className="rounded border border-[var(--border)] bg-[var(--panel)] px-2 py-1 text-sm" value={status} onChange={(e) => onFilter({ status: e.target.value || null })}>
            <option value="">All statuses</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="rounded border border-[var(--bad)]/60 px-3 py-1 text-sm hover:bg-[var(--panel-2)] disabled:opacity-50"
          disabled={first === null}
          onClick={() => first !== null && jump(first)}
        >
          Jump to first failure
        </button>
      </div>
      <HistoryList events={rows} local={local} focusSeq={focus} />
    </section>
  );
}
