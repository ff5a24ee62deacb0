"use client";

import { useState } from "react";
import { VerdictBadge } from "@/components/status/verdict-badge";
import { formatTime } from "@/lib/incidents/format";
import type { IncidentWithSteps } from "@/lib/store";

const SEV_TONE: Record<string, string> = { sev1: "fail", sev2: "fail", sev3: "warn", sev4: "info" };

type Pending = null | "resolve" | "reopen" | "delete";

/** Title, severity, status, progress; resolve and export for responders, reopen and delete for admins. */
export function IncidentHeader({ incident, can, onResolve, onReopen, onDelete }: {
  incident: IncidentWithSteps;
  can: { resolve: boolean; manage: boolean; export: boolean };
  onResolve(summary: string): Promise<void>;
  onReopen(reason: string): Promise<void>;
  onDelete(): Promise<void>;
}) {
  const [pending, setPending] = useState<Pending>(null);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const c = incident.counts;
  const open = incident.status === "open";
  function start(what: Pending) {
    setPending(what);
    setText("");
    setError(null);
  }
  async function confirm() {
    setError(null);
    setBusy(true);
    try {
      if (pending === "resolve") await onResolve(text.trim());
      else if (pending === "reopen") await onReopen(text.trim());
      else if (pending === "delete") await onDelete();
      setPending(null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <header className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-xl font-semibold">{incident.title}</h1>
        <VerdictBadge tone={SEV_TONE[incident.severity] ?? "neutral"} label={incident.severity.toUpperCase()} />
        <VerdictBadge tone={incident.status === "open" ? "warn" : "completed"} label={incident.status} />
      </div>
      <p className="muted text-sm">
        tenant {incident.tenant ?? "all (platform-wide)"} · started {formatTime(incident.startedAt)} · opened by {incident.openedBy}
        {incident.resolvedAt ? ` · resolved ${formatTime(incident.resolvedAt)} by ${incident.resolvedBy ?? "?"}` : ""}
      </p>
      <p className="text-sm" role="status" aria-label="Progress">
        {c.done} done · {c.skipped} skipped · {c.todo} to do (of {c.total})
      </p>
      {incident.summary && <p className="text-sm">Summary: {incident.summary}</p>}
      <div className="flex flex-wrap items-center gap-2">
        {can.export && (
          <a href={`/api/incidents/${incident.id}/export.md`} className="rounded border border-[var(--border)] px-2 py-1 text-sm" download>
            Export as Markdown
          </a>
        )}
        {can.resolve && open && pending === null && (
          <button type="button" onClick={() => start("resolve")} className="rounded bg-[var(--ok)] px-2 py-1 text-sm font-medium text-black">Resolve…</button>
        )}
        {!can.resolve && open && <span className="muted text-xs">Resolving needs the responder role.</span>}
        {can.manage && !open && pending === null && (
          <button type="button" onClick={() => start("reopen")} className="rounded border border-[var(--border)] px-2 py-1 text-sm">Reopen…</button>
        )}
        {can.manage && pending === null && (
          <button type="button" onClick={() => start("delete")} className="rounded border border-[var(--bad)] px-2 py-1 text-sm text-[var(--bad)]">Delete…</button>
        )}
      </div>
      {pending !== null && (
        <div className="panel flex flex-col gap-2 p-3">
          {pending === "delete" ? (
            <p className="text-sm">
              Delete this incident with its checklist, notes, evidence and timeline? This cannot be undone; the audit trail keeps that you deleted it.
            </p>
          ) : (
            <label className="text-sm">
              {pending === "resolve" ? "What happened (opens the postmortem)" : "Why reopen it (optional, goes into the timeline)"}
              <textarea value={text} onChange={(e) => setText(e.target.value)} rows={pending === "resolve" ? 3 : 1} maxLength={pending === "resolve" ? 20_000 : 2000} className="mt-1 w-full rounded border border-[var(--border)] bg-[var(--panel-2)] p-1" />
            </label>
          )}
          <div className="flex gap-2">
            <button type="button" onClick={confirm} disabled={busy} className={`rounded px-2 py-1 text-sm font-medium disabled:opacity-50 ${pending === "delete" ? "bg-[var(--bad)] text-white" : "bg-[var(--ok)] text-black"}`}>
              {busy ? "Working…" : pending === "resolve" ? "Resolve incident" : pending === "reopen" ? "Reopen incident" : "Delete incident"}
            </button>
            <button type="button" onClick={() => setPending(null)} className="rounded border border-[var(--border)] px-2 py-1 text-sm">Cancel</button>
          </div>
          {error && <p role="alert" className="text-sm text-[var(--bad)]">Not {pending === "resolve" ? "resolved" : pending === "reopen" ? "reopened" : "deleted"}: {error}</p>}
        </div>
      )}
    </header>
  );
}
