"use client";

import { useState } from "react";
import { VerdictBadge } from "@/components/status/verdict-badge";
import { formatTime } from "@/lib/incidents/format";
import type { IncidentWithSteps } from "@/lib/store";

const SEV_TONE: Record<string, string> = { sev1: "fail", sev2: "fail", sev3: "warn", sev4: "info" };

/** Title, severity, status, progress; resolve and export for admins. */
export function IncidentHeader({ incident, canManage, canExport, onResolve }: { incident: IncidentWithSteps; canManage: boolean; canExport: boolean; onResolve(summary: string): Promise<void> }) {
  const [resolving, setResolving] = useState(false);
  const [summary, setSummary] = useState("");
  const [error, setError] = useState<string | null>(null);
  const c = incident.counts;
  async function resolve() {
    setError(null);
    try {
      await onResolve(summary.trim());
      setResolving(false);
    } catch (err) {
      setError((err as Error).message);
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
        {canExport && (
          <a href={`/api/incidents/${incident.id}/export.md`} className="rounded border border-[var(--border)] px-2 py-1 text-sm" download>
            Export as Markdown
          </a>
        )}
        {canManage && incident.status === "open" && !resolving && (
          <button type="button" onClick={() => setResolving(true)} className="rounded bg-[var(--ok)] px-2 py-1 text-sm font-medium text-black">Resolve…</button>
        )}
        {!canManage && incident.status === "open" && <span className="muted text-xs">Resolving needs the admin role.</span>}
      </div>
      {resolving && (
        <div className="panel flex flex-col gap-2 p-3">
          <label className="text-sm">
            What happened (opens the postmortem)
            <textarea value={summary} onChange={(e) => setSummary(e.target.value)} rows={3} maxLength={20_000} className="mt-1 w-full rounded border border-[var(--border)] bg-[var(--panel-2)] p-1" />
          </label>
          <div className="flex gap-2">
            <button type="button" onClick={resolve} className="rounded bg-[var(--ok)] px-2 py-1 text-sm font-medium text-black">Resolve incident</button>
            <button type="button" onClick={() => setResolving(false)} className="rounded border border-[var(--border)] px-2 py-1 text-sm">Cancel</button>
          </div>
          {error && <p role="alert" className="text-sm text-[var(--bad)]">Not resolved: {error}</p>}
        </div>
      )}
    </header>
  );
}
