"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { IdSearch } from "@/components/bgops/id-search";
import type { SagaListResponse } from "@/components/bgops/api-types";
import { BgopsError } from "@/components/bgops/bgops-error";
import { formatIso } from "@/components/bgops/format-time";
import { NO_LIST_ROUTE } from "@/components/bgops/messages";
import { BgopsFreshness } from "@/components/bgops/bgops-freshness";
import { badgeTone } from "@/components/bgops/tone";
import { KnownFailure } from "@/components/status/retry-line";
import { VerdictBadge } from "@/components/status/verdict-badge";
import { Spinner } from "@/components/ui/spinner";
import { SAGA_STATUSES } from "@/lib/upstream/schemas/bgops-enums";
import { fetchJson } from "@/lib/query/fetch-json";
import { filterQuery, queryKeys, SAGA_FILTERS } from "@/lib/query/keys";
import { pollEvery } from "@/lib/query/poll";
import { usePollFailure } from "@/lib/query/use-failure";
import { useServerError } from "@/lib/query/use-initial-error";
import type { SerializedApiError } from "@/lib/query/initial-error";

const REFRESH_MS = 10_000;

const FILTERS = SAGA_FILTERS;

function SagaList({ qs, initialError }: { qs: string; initialError?: SerializedApiError | null }) {
  const queryKey = queryKeys.sagaList(qs);
  const server = useServerError(initialError, qs, REFRESH_MS);
  const list = useQuery({
    queryKey,
    enabled: server.mayFetch,
    queryFn: () => fetchJson<SagaListResponse>(`/api/bgops/sagas${qs ? `?${qs}` : ""}`),
    refetchInterval: pollEvery(REFRESH_MS),
  });
  const { failure, everyMs } = usePollFailure(list, queryKey, REFRESH_MS, server.seed);
  const d = list.data;
  if (!d && failure) {
    return (
      <KnownFailure failure={failure} everyMs={everyMs} fetching={list.isFetching}>
        <BgopsError error={failure.error} what="The saga list" />
      </KnownFailure>
    );
  }
  if (!d) return <Spinner label="Scanning Redis for sagas…" />;
  return (
    <section className="panel flex flex-col gap-2 p-4">
      <BgopsFreshness data={d} fetching={list.isFetching} failure={failure} everyMs={everyMs} fallbackNote={false} />
      <p className="muted text-xs">
        {d.items.length} shown (newest first, up to {d.limit}) of {d.scannedKeys} saga keys scanned{d.complete ? "" : " — the scan stopped at its bound; older sagas may exist"}
        {d.unreadable ? `; ${d.unreadable} keys were not readable sagas` : ""}.
      </p>
      <table className="w-full text-sm">
        <thead className="muted text-left text-xs">
          <tr>
            <th className="py-1">Saga</th>
            <th>Status</th>
            <th>Tenant</th>
            <th>Workflow</th>
            <th>Steps</th>
            <th>Updated</th>
          </tr>
        </thead>
        <tbody>
          {d.items.map(({ header: h, stepCount }) => (
            <tr key={h.id} className="border-t border-[var(--border)]">
              <td className="py-1 font-mono text-xs">
                <Link className="underline" href={`/sagas/${encodeURIComponent(h.id ?? "")}`}>
                  {h.id}
                </Link>
              </td>
              <td>
                <VerdictBadge tone={badgeTone(h.status.tone)} label={h.status.label} />
              </td>
              <td>
                {h.tenant} {h.crossTenant && <VerdictBadge tone="warn" label="other tenant" />}
              </td>
              <td>{h.workflowType}</td>
              <td className="tabular">{h.currentStep ? `${h.currentStep.number}/${stepCount}` : stepCount}</td>
              <td className="tabular text-xs">{formatIso(h.updatedAt, false)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function SagasClient({ hasRedis, initialError }: { hasRedis: boolean; initialError?: SerializedApiError | null }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ""])) as Record<(typeof FILTERS)[number], string>;
  const qs = filterQuery((k) => params.get(k), SAGA_FILTERS);
  const setFilter = (k: string, v: string) => {
    const next = new URLSearchParams(params.toString());
    if (v) next.set(k, v);
    else next.delete(k);
    router.replace(next.size ? `${pathname}?${next}` : pathname, { scroll: false });
  };
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold">Sagas</h1>
        <p className="muted text-sm">Runbook §5: what happened to this provisioning request? Paste a saga id, or pick one from the recent list.</p>
      </div>
      <IdSearch kind="sagas" placeholder="e.g. 5f0c3a52-1e7b-4c4a-9d2e-6a1b7c000004" />
      {!hasRedis ? (
        <p role="note" className="panel p-3 text-sm" data-testid="sagas-no-list">
          {NO_LIST_ROUTE}
        </p>
      ) : (
        <>
          <form className="flex flex-wrap gap-3" aria-label="Filter sagas" onSubmit={(e) => e.preventDefault()}>
            <label className="flex flex-col text-xs">
              <span className="muted">Status</span>
              <select className="rounded border border-[var(--border)] bg-[var(--panel)] px-2 py-1 text-sm" value={filters.status} onChange={(e) => setFilter("status", e.target.value)}>
                <option value="">Any</option>
                {SAGA_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            {(["tenant", "workflow"] as const).map((k) => (
              <label key={k} className="flex flex-col text-xs">
                <span className="muted">{k === "tenant" ? "Tenant" : "Workflow type"}</span>
                <input
                  key={filters[k]}
                  defaultValue={filters[k]}
                  className="rounded border border-[var(--border)] bg-[var(--panel)] px-2 py-1 text-sm"
                  onBlur={(e) => setFilter(k, e.target.value.trim())}
                  onKeyDown={(e) => e.key === "Enter" && setFilter(k, e.currentTarget.value.trim())}
                />
              </label>
            ))}
          </form>
          <SagaList qs={qs} initialError={initialError} />
        </>
      )}
    </div>
  );
}
