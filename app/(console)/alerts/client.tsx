"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { AlertsTable } from "@/components/alerts/alerts-table";
import { Freshness } from "@/components/status/freshness";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Spinner } from "@/components/ui/spinner";
import { fetchJson } from "@/lib/query/fetch-json";
import type { AlertRecord } from "@/lib/store";

const KEYS = ["status", "severity", "service"] as const;
type Filters = Record<(typeof KEYS)[number], string>;

/** Filters live in the URL (stable key order, empties dropped), so a pasted link opens the same view. */
function toQuery(f: Filters): string {
  const qs = new URLSearchParams();
  for (const k of KEYS) if (f[k].trim()) qs.set(k, f[k].trim());
  return qs.toString();
}

export function AlertsClient() {
  const router = useRouter();
  const params = useSearchParams();
  const filters: Filters = { status: params.get("status") ?? "", severity: params.get("severity") ?? "", service: params.get("service") ?? "" };
  const qs = toQuery(filters);
  const alerts = useQuery({
    queryKey: ["alerts", qs],
    queryFn: () => fetchJson<{ alerts: AlertRecord[]; firing: number }>(`/api/alerts${qs ? `?${qs}` : ""}`),
    refetchInterval: 10_000,
  });
  const apply = (next: Filters) => {
    const q = toQuery(next);
    router.replace(q ? `/alerts?${q}` : "/alerts", { scroll: false });
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Alerts</h1>
        {alerts.data && <span className="muted text-sm">{alerts.data.firing} firing now</span>}
      </div>
      <p className="muted text-sm">
        What Alertmanager sent to this console. Critical and page alerts open an incident (or join the open one of their
        group); the others are listed here only. Resolved alerts stay, marked resolved.
      </p>
      <AlertFilters key={qs} value={filters} onApply={apply} />
      <Freshness updatedAt={alerts.dataUpdatedAt || undefined} source="the console's store, checked every 10 s" fetching={alerts.isFetching} refreshError={alerts.isRefetchError ? alerts.error.message : null} />
      {alerts.isPending ? (
        <Spinner label="Loading alerts…" />
      ) : alerts.isError && !alerts.data ? (
        <ErrorPanel title="Could not read the alerts" message={alerts.error.message} hint={qs ? "Check the filters above, or clear them." : "The console's store may be unavailable; try again shortly."} />
      ) : alerts.data.alerts.length === 0 ? (
        <p className="panel muted p-4 text-sm">
          {qs ? "No alerts match these filters." : "No alerts received yet. Point an Alertmanager webhook receiver at /api/alerts/alertmanager (see the README)."}
        </p>
      ) : (
        <section className="panel p-2" aria-label="Alerts">
          <AlertsTable alerts={alerts.data.alerts} />
        </section>
      )}
    </div>
  );
}

function AlertFilters({ value, onApply }: { value: Filters; onApply(f: Filters): void }) {
  const [draft, setDraft] = useState(value);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  const input = "rounded border border-[var(--border)] bg-[var(--panel-2)] px-2 py-1 text-sm";
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" aria-label="Filter alerts">
      <label className="flex flex-col text-xs">
        State
        <select className={input} value={draft.status} onChange={(e) => onApply({ ...draft, status: e.target.value })}>
          <option value="">all</option>
          <option value="firing">firing</option>
          <option value="resolved">resolved</option>
        </select>
      </label>
      <label className="flex flex-col text-xs">
        Severity
        <input className={input} value={draft.severity} onChange={(e) => setDraft({ ...draft, severity: e.target.value })} placeholder="critical, page, warning…" />
      </label>
      <label className="flex flex-col text-xs">
        Service
        <input className={input} value={draft.service} onChange={(e) => setDraft({ ...draft, service: e.target.value })} placeholder="management-platform…" />
      </label>
      <button type="submit" className="rounded bg-[var(--accent)] px-3 py-1 text-sm font-medium text-white">Apply</button>
      {(value.status || value.severity || value.service) && (
        <button type="button" className="rounded border border-[var(--border)] px-3 py-1 text-sm" onClick={() => onApply({ status: "", severity: "", service: "" })}>Clear</button>
      )}
    </form>
  );
}
