"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import { IncidentAlerts, startSection, type IncidentAlertsData } from "@/components/alerts/incident-alerts";
import { IncidentChecklist } from "@/components/incidents/incident-checklist";
import { IncidentHeader } from "@/components/incidents/incident-header";
import { ShortcutLegend } from "@/components/incidents/shortcut-legend";
import { TimelineView } from "@/components/incidents/timeline-view";
import { useIncident } from "@/components/incidents/use-incident";
import type { RunbookView } from "@/components/runbook/view-types";
import { Freshness } from "@/components/status/freshness";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Spinner } from "@/components/ui/spinner";
import { buildTimeline } from "@/lib/incidents/timeline";
import { ConsoleApiError, fetchJson } from "@/lib/query/fetch-json";

type Caps = { work: boolean; run: boolean; resolve: boolean; manage: boolean; export: boolean };

export function IncidentClient({ id, view, can }: { id: string; view: RunbookView; can: Caps }) {
  const pathname = usePathname();
  const search = useSearchParams();
  const tab = search.get("tab") === "timeline" ? "timeline" : "checklist";
  const focused = search.get("step");
  const router = useRouter();
  const { detail, changes, changeStep, addNote, attachEvidence, resolve, reopen, remove } = useIncident(id);
  const alerts = useQuery({
    queryKey: ["incident-alerts", id],
    queryFn: () => fetchJson<IncidentAlertsData>(`/api/incidents/${encodeURIComponent(id)}/alerts`),
    refetchInterval: 5_000,
  });
  // An incident opened by an alert puts the alert's runbook section first in its checklist.
  const first = startSection(alerts.data)?.[0];
  const ordered = useMemo(() => {
    const i = view.runbook.sections.findIndex((s) => s.number === first);
    if (i <= 0) return view;
    const sections = [view.runbook.sections[i]!, ...view.runbook.sections.filter((_, k) => k !== i)];
    return { ...view, runbook: { ...view.runbook, sections } };
  }, [view, first]);

  function setParam(name: string, value: string | null) {
    const next = new URLSearchParams(search.toString());
    if (value === null) next.delete(name);
    else next.set(name, value);
    // history.replaceState keeps useSearchParams in sync without a server round trip on every j/k.
    window.history.replaceState(null, "", `${pathname}?${next.toString()}`);
  }

  const timeline = useMemo(() => {
    if (!detail.data) return [];
    const text = new Map(detail.data.incident.steps.map((s) => [s.stepId, s.text]));
    return buildTimeline(detail.data.events, { stepText: (sid) => text.get(sid) });
  }, [detail.data]);

  if (detail.isPending) return <Spinner label="Loading the incident…" />;
  if (!detail.data) {
    const err = detail.error as ConsoleApiError;
    return (
      <ErrorPanel title={err.status === 404 ? "No such incident" : "The incident could not be loaded"} message={err.message} hint={<Link href="/incidents" className="underline">All incidents</Link>} />
    );
  }
  const { incident } = detail.data;
  const editable = can.work && incident.status === "open";
  const pollError = changes.isError ? (changes.error as Error).message : null;

  return (
    <div className="flex flex-col gap-4">
      <Link href="/incidents" className="muted text-xs underline">← all incidents</Link>
      <IncidentHeader
        incident={incident}
        can={{ resolve: can.resolve, manage: can.manage, export: can.export }}
        onResolve={resolve}
        onReopen={reopen}
        onDelete={async () => {
          await remove();
          router.push("/incidents");
        }}
      />
      <Freshness updatedAt={changes.data?.at ?? detail.dataUpdatedAt} source="the console's store, checked every 2.5 s" fetching={changes.isFetching} refreshError={pollError} />
      <IncidentAlerts data={alerts.data} error={alerts.isError ? alerts.error.message : null} />
      {!can.work && <p className="muted text-sm">You can read this incident; working it needs the responder role.</p>}
      {incident.status === "resolved" && <p className="muted text-sm">This incident is resolved; its checklist is read-only.</p>}
      <div role="tablist" aria-label="Incident views" className="flex gap-2 border-b border-[var(--border)]">
        {(["checklist", "timeline"] as const).map((t) => (
          <button key={t} role="tab" type="button" aria-selected={tab === t} onClick={() => setParam("tab", t === "checklist" ? null : t)} className={`px-3 py-1 text-sm ${tab === t ? "border-b-2 border-[var(--accent)] font-medium" : "muted"}`}>
            {t === "checklist" ? "Checklist" : `Timeline (${timeline.length})`}
          </button>
        ))}
      </div>
      {editable && <NoteForm onNote={(text) => addNote(text)} />}
      {tab === "timeline" ? (
        <section className="panel p-4" role="tabpanel" aria-label="Timeline">
          <TimelineView entries={timeline} />
        </section>
      ) : (
        <div className="flex flex-col gap-4 lg:flex-row-reverse lg:items-start" role="tabpanel" aria-label="Checklist">
          <div className="lg:sticky lg:top-4 lg:w-56"><ShortcutLegend /></div>
          <div className="min-w-0 flex-1">
            <IncidentChecklist
              detail={detail.data}
              view={ordered}
              editable={editable}
              canRun={can.run}
              focused={focused}
              onFocus={(stepId) => setParam("step", stepId)}
              changeStep={changeStep}
              addNote={(text, stepId) => addNote(text, stepId)}
              attachEvidence={(draft, stepId) => attachEvidence(draft, incident.steps.some((s) => s.stepId === stepId) ? stepId : null)}
            />
          </div>
        </div>
      )}
    </div>
  );
}

function NoteForm({ onNote }: { onNote(text: string): Promise<void> }) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    setSaving(true);
    setError(null);
    try {
      await onNote(text.trim());
      setText("");
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setSaving(false);
    }
  }
  return (
    <form onSubmit={submit} className="flex flex-wrap items-start gap-2" aria-label="Add a note to the incident">
      <textarea value={text} onChange={(e) => setText(e.target.value)} rows={1} maxLength={20_000} placeholder="Note for the whole incident…" aria-label="Incident note" className="min-w-64 flex-1 rounded border border-[var(--border)] bg-[var(--panel-2)] p-1 text-sm" />
      <button type="submit" disabled={saving || !text.trim()} className="rounded bg-[var(--accent)] px-2 py-1 text-sm font-medium text-white disabled:opacity-50">{saving ? "Saving…" : "Add note"}</button>
      {error && <p role="alert" className="w-full text-sm text-[var(--bad)]">Not saved: {error}</p>}
    </form>
  );
}
