"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";
import { VerdictBadge } from "@/components/status/verdict-badge";
import type { SagaStepView } from "@/lib/domain/saga-steps";
import type { StepRow } from "@/lib/domain/saga-steps-page";

const ROW = 40;
// Cells wrap and rows grow to fit (measured, not fixed): a long badge or a compensation's error is read whole.
const COLS = "grid grid-cols-[3rem_minmax(10rem,1.5fr)_8rem_6rem_7rem_minmax(8rem,1.5fr)_minmax(10rem,1.2fr)] gap-2 items-start px-2 py-1.5 [&>*]:min-w-0";

const STATUS_TONE: Record<string, string> = { completed: "pass", failed: "fail", compensated: "warn", pending: "neutral", executing: "info", compensating: "warn", skipped: "neutral" };
const COMP_TEXT: Record<SagaStepView["compensation"]["state"], string> = {
  "not-needed": "",
  compensated: "compensated",
  failed: "FAILED",
  "no-operation": "none (skipped)",
  "not-run": "not run",
};

function StepCells({ s }: { s: SagaStepView }) {
  return (
    <>
      <span role="cell" className="tabular">{s.number}</span>
      <span role="cell" className="break-words" title={`${s.name} · ${s.operation ?? "no operation"} · ${s.id}`}>
        {s.name} {s.isCurrent && <VerdictBadge tone="info" label="current" />}
        <span className="muted block font-mono text-xs break-all">{s.operation}</span>
      </span>
      <span role="cell"><VerdictBadge tone={STATUS_TONE[s.status.value] ?? "neutral"} label={s.statusLabel} wrap /></span>
      <span role="cell" className="tabular">{s.attempts?.label ?? "—"}</span>
      <span role="cell" className="tabular text-xs">{s.durationLabel ?? "—"}</span>
      <span role="cell" className="text-xs break-words text-[var(--bad)]">{s.error ?? ""}</span>
      <span role="cell" className="text-xs break-words">
        <span className="font-mono break-all">{s.compensation.operation ?? "—"}</span>{" "}
        <span className={s.compensation.state === "failed" ? "font-semibold text-[var(--bad)]" : "muted"}>{COMP_TEXT[s.compensation.state]}</span>
        {s.compensation.error && <span className="block break-words whitespace-pre-wrap text-[var(--bad)]" data-testid="compensation-error">{s.compensation.error}</span>}
      </span>
    </>
  );
}

function GapRow({ from, to }: { from: number; to: number }) {
  const n = to - from + 1;
  return (
    <span role="cell" className="muted col-span-full text-xs italic">
      {n === 1 ? `Step ${from} is` : `Steps ${from}–${to} (${n}) are`} not loaded yet: use the buttons below the table.
    </span>
  );
}

/**
 * Steps: status, attempts (x of y), duration, error, compensation. Virtualised: a bulk import has thousands.
 * `rows` are the loaded steps in order, with a gap row where steps are not loaded; `total` is the saga's count.
 */
export function StepsTable({ rows, total }: { rows: StepRow[]; total: number }) {
  const ref = useRef<HTMLDivElement>(null);
  // The virtualizer re-renders through its own state; skipping the compiler's memoisation here is intended.
  // eslint-disable-next-line react-hooks/incompatible-library
  const v = useVirtualizer({ count: rows.length, getScrollElement: () => ref.current, estimateSize: () => ROW, overscan: 6, measureElement: (el) => el.getBoundingClientRect().height });
  return (
    <div role="table" aria-label="Saga steps" aria-rowcount={total + 1} className="rounded border border-[var(--border)] text-sm">
      <div role="row" aria-rowindex={1} className={`${COLS} muted border-b border-[var(--border)] py-1 text-xs`}>
        {["#", "Step", "Status", "Attempts", "Duration", "Error", "Compensation"].map((h) => (
          <span key={h} role="columnheader">{h}</span>
        ))}
      </div>
      <div ref={ref} className="overflow-auto" style={{ maxHeight: 360 }}>
        <div role="rowgroup" style={{ height: v.getTotalSize(), position: "relative" }}>
          {v.getVirtualItems().map((item) => {
            const r = rows[item.index]!;
            const failed = r.kind === "step" && r.step.status.value === "failed";
            return (
              <div
                key={r.kind === "step" ? r.step.index : `gap-${r.from}`}
                ref={v.measureElement}
                data-index={item.index}
                role="row"
                aria-rowindex={r.kind === "step" ? r.step.number + 1 : undefined}
                data-testid={r.kind === "step" ? "step-row" : "step-gap"}
                className={`${COLS} absolute left-0 w-full border-b border-[var(--border)] ${failed ? "bg-[var(--bad)]/10" : ""}`}
                style={{ top: item.start, minHeight: ROW }}
              >
                {r.kind === "step" ? <StepCells s={r.step} /> : <GapRow from={r.from} to={r.to} />}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
