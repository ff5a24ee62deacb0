"use client";

import type { IncidentStep, StepState } from "@/lib/store";

/** Tick box plus a "skip" button; a skipped step shows that instead of an empty box. */
export function StepControl({ step, text, editable, onToggle, onSkip }: { step: IncidentStep | undefined; text: string; editable: boolean; onToggle(state: StepState): void; onSkip(): void }) {
  const state = step?.state ?? "todo";
  return (
    <span className="mt-0.5 flex shrink-0 items-center gap-1">
      <input
        type="checkbox"
        tabIndex={-1}
        checked={state === "done"}
        disabled={!editable}
        onChange={() => onToggle(state === "done" ? "todo" : "done")}
        aria-label={`${state === "done" ? "Untick" : "Tick"}: ${text}`}
      />
      {state === "skipped" ? (
        <button type="button" tabIndex={-1} disabled={!editable} onClick={() => onToggle("todo")} className="rounded bg-[var(--warn)]/20 px-1 text-xs text-[var(--warn)]" aria-label={`Reopen skipped step: ${text}`}>
          skipped
        </button>
      ) : (
        editable && (
          <button type="button" tabIndex={-1} onClick={onSkip} className="muted rounded px-1 text-xs hover:underline" aria-label={`Skip: ${text}`}>
            skip
          </button>
        )
      )}
    </span>
  );
}
