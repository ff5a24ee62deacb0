"use client";

import { useState, type FormEvent } from "react";
import { EMPTY_SEARCH, inputToIso, isoToInput, type AuditSearch } from "@/app/(console)/audit/search-params";

// Suggestions only: the field accepts any action, since other features add their own verbs.
const KNOWN_ACTIONS = ["auth.sign_in", "auth.sign_out", "auth.sign_out_everywhere", "auth.session_end", "smoke.run", "saga.view", "key.view", "incident.open", "incident.close", "incident.step", "audit.export"];

const PRESETS = [
  { label: "Last hour", ms: 3_600_000 },
  { label: "Last 24 h", ms: 86_400_000 },
  { label: "Last 7 days", ms: 7 * 86_400_000 },
];

const input = "rounded border border-[var(--border)] bg-[var(--panel-2)] px-2 py-1 text-sm";

export function AuditFilters({ value, onApply }: { value: AuditSearch; onApply(next: AuditSearch): void }) {
  const [draft, setDraft] = useState({ ...value, from: isoToInput(value.from), to: isoToInput(value.to) });
  const set = (key: keyof AuditSearch) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply({ actor: draft.actor.trim(), action: draft.action.trim(), from: inputToIso(draft.from), to: inputToIso(draft.to) });
  }

  return (
    <form onSubmit={submit} aria-label="Filter the audit trail" className="panel flex flex-wrap items-end gap-3 p-3">
      <label className="flex flex-col gap-1 text-xs">
        User
        <input className={input} name="actor" value={draft.actor} onChange={set("actor")} placeholder="e.g. demo:admin" />
      </label>
      <label className="flex flex-col gap-1 text-xs">
        Action
        <input className={input} name="action" list="audit-actions" value={draft.action} onChange={set("action")} placeholder="e.g. auth.sign_in" />
        <datalist id="audit-actions">
          {KNOWN_ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </label>
      <label className="flex flex-col gap-1 text-xs">
        From (UTC)
        <input className={input} type="datetime-local" name="from" value={draft.from} onChange={set("from")} />
      </label>
      <label className="flex flex-col gap-1 text-xs">
        To (UTC)
        <input className={input} type="datetime-local" name="to" value={draft.to} onChange={set("to")} />
      </label>
      <button type="submit" className="rounded bg-[var(--accent)] px-3 py-1 text-sm font-medium text-white">
        Apply filters
      </button>
      <button type="button" className="rounded border border-[var(--border)] px-3 py-1 text-sm" onClick={() => onApply(EMPTY_SEARCH)}>
        Clear
      </button>
      <div className="flex gap-1" role="group" aria-label="Time range presets">
        {PRESETS.map((p) => (
          <button
            key={p.label}
            type="button"
            className="rounded border border-[var(--border)] px-2 py-1 text-xs hover:bg-[var(--panel-2)]"
            onClick={() => onApply({ actor: draft.actor.trim(), action: draft.action.trim(), from: new Date(Date.now() - p.ms).toISOString(), to: "" })}
          >
            {p.label}
          </button>
        ))}
      </div>
    </form>
  );
}
