"use client";

import { useState, type FormEvent } from "react";
import { conflictMessage, stepByline } from "@/components/incidents/incident-state";
import type { IncidentStep, TimelineEvent } from "@/lib/store";

export interface Conflict {
  theirs: IncidentStep;
  mine: { state: IncidentStep["state"]; reason?: string | null };
}

interface Props {
  step: IncidentStep;
  conflict?: Conflict;
  error?: string;
  mode: "skip" | "note" | null;
  notes: TimelineEvent[];
  now: number;
  onSkip(reason: string): void;
  onNote(text: string): void;
  onCancel(): void;
  onRetry(): void;
  onDismiss(): void;
}

/** Under a step: who changed it and when, a conflict with someone else's change, and the skip / note forms. */
export function StepExtra({ step, conflict, error, mode, notes, now, onSkip, onNote, onCancel, onRetry, onDismiss }: Props) {
  const byline = stepByline(step);
  return (
    <div className="ml-6 flex flex-col gap-1 text-xs">
      {byline && <p className="muted" data-byline>{byline}</p>}
      {notes.map((n) => (
        <p key={n.seq} className="border-l-2 border-[var(--info)]/50 pl-2">
          <span className="muted">{n.actor}: </span>
          {n.kind === "note" ? n.data.text : ""}
        </p>
      ))}
      {conflict && (
        <div role="alert" className="rounded border border-[var(--warn)]/60 p-2">
          <p className="font-medium text-[var(--warn)]">{conflictMessage(conflict.theirs, now)}</p>
          <p className="muted">Their change is shown above; yours (“{conflict.mine.state}”) was kept here so nothing is lost.</p>
          <div className="mt-1 flex gap-2">
            <button type="button" className="rounded border border-[var(--border)] px-2 py-0.5" onClick={onDismiss}>Keep theirs</button>
            <button type="button" className="rounded border border-[var(--accent)] px-2 py-0.5 text-[var(--accent)]" onClick={onRetry}>Apply mine on top</button>
          </div>
        </div>
      )}
      {error && <p role="alert" className="text-[var(--bad)]">Not saved: {error}</p>}
      {mode === "skip" && <TextForm label="Reason for skipping" submit="Skip step" onSubmit={onSkip} onCancel={onCancel} />}
      {mode === "note" && <TextForm label="Note on this step" submit="Add note" onSubmit={onNote} onCancel={onCancel} multiline />}
    </div>
  );
}

function TextForm({ label, submit, onSubmit, onCancel, multiline }: { label: string; submit: string; onSubmit(text: string): void; onCancel(): void; multiline?: boolean }) {
  const [text, setText] = useState("");
  function go(e: FormEvent) {
    e.preventDefault();
    if (text.trim()) onSubmit(text.trim());
  }
  const common = {
    "aria-label": label,
    value: text,
    autoFocus: true,
    maxLength: multiline ? 20_000 : 2000,
    className: "w-full rounded border border-[var(--border)] bg-[var(--panel-2)] px-1 py-0.5",
    onKeyDown: (e: React.KeyboardEvent) => {
      e.stopPropagation();
      if (e.key === "Escape") onCancel();
    },
  };
  return (
    <form onSubmit={go} className="flex flex-col gap-1">
      {multiline ? <textarea {...common} rows={2} onChange={(e) => setText(e.target.value)} /> : <input {...common} onChange={(e) => setText(e.target.value)} />}
      <div className="flex gap-2">
        <button type="submit" disabled={!text.trim()} className="rounded bg-[var(--accent)] px-2 py-0.5 font-medium text-white disabled:opacity-50">{submit}</button>
        <button type="button" onClick={onCancel} className="rounded border border-[var(--border)] px-2 py-0.5">Cancel</button>
      </div>
    </form>
  );
}
