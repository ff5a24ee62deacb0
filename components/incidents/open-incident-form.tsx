"use client";

import { useState, type FormEvent } from "react";
import { postJson } from "@/lib/query/fetch-json";
import type { IncidentWithSteps } from "@/lib/store";

function localNow(): string {
  const d = new Date();
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** Title, severity, tenant (the configured one by default) and start time; the checklist is copied on the server. */
export function OpenIncidentForm({ defaultTenant, onOpened, onCancel }: { defaultTenant: string; onOpened(incident: IncidentWithSteps): void; onCancel(): void }) {
  const [title, setTitle] = useState("");
  const [severity, setSeverity] = useState("sev3");
  const [tenant, setTenant] = useState(defaultTenant);
  const [startedAt, setStartedAt] = useState(localNow);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const start = new Date(startedAt);
    if (!title.trim()) return setError("Give the incident a title.");
    if (Number.isNaN(start.getTime())) return setError("The start time is not a valid time.");
    if (start.getTime() > Date.now() + 5 * 60_000) return setError("The start time is in the future.");
    if (!/^[A-Za-z0-9._-]*$/.test(tenant.trim())) return setError("Tenant: letters, digits, . _ - only (empty for platform-wide).");
    setSaving(true);
    setError(null);
    try {
      const res = await postJson<{ incident: IncidentWithSteps }>("/api/incidents", { title: title.trim(), severity, tenant: tenant.trim(), startedAt: start.toISOString() });
      onOpened(res.incident);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setSaving(false);
    }
  }

  const field = "mt-1 w-full rounded border border-[var(--border)] bg-[var(--panel-2)] px-2 py-1";
  return (
    <form onSubmit={submit} className="panel grid gap-3 p-4 sm:grid-cols-2" aria-label="Open incident">
      <label className="text-sm sm:col-span-2">
        Title
        <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} required autoFocus className={field} placeholder="e.g. bgops answers 500 for acme" />
      </label>
      <label className="text-sm">
        Severity
        <select value={severity} onChange={(e) => setSeverity(e.target.value)} className={field}>
          <option value="sev1">SEV1 — platform down</option>
          <option value="sev2">SEV2 — major impact</option>
          <option value="sev3">SEV3 — partial / degraded</option>
          <option value="sev4">SEV4 — minor</option>
        </select>
      </label>
      <label className="text-sm">
        Affected tenant (empty = platform-wide)
        <input value={tenant} onChange={(e) => setTenant(e.target.value)} maxLength={100} className={field} />
      </label>
      <label className="text-sm">
        Started at (your local time)
        <input type="datetime-local" value={startedAt} onChange={(e) => setStartedAt(e.target.value)} required className={field} />
      </label>
      <div className="flex items-end gap-2">
        <button type="submit" disabled={saving} className="rounded bg-[var(--accent)] px-3 py-1.5 font-medium text-white disabled:opacity-50">{saving ? "Opening…" : "Open incident"}</button>
        <button type="button" onClick={onCancel} className="rounded border border-[var(--border)] px-3 py-1.5">Cancel</button>
      </div>
      {error && <p role="alert" className="text-sm text-[var(--bad)] sm:col-span-2">Not opened: {error}</p>}
    </form>
  );
}
