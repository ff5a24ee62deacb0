"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { KeyFiltersForm, type KeyFilters } from "@/app/(console)/idempotency/filters";
import type { IdempotencyListResponse } from "@/components/bgops/api-types";
import { BgopsError } from "@/components/bgops/bgops-error";
import { formatIso } from "@/components/bgops/format-time";
import { IdSearch } from "@/components/bgops/id-search";
import { BgopsFreshness } from "@/components/bgops/bgops-freshness";
import { badgeTone } from "@/components/bgops/tone";
import { KnownFailure } from "@/components/status/retry-line";
import { VerdictBadge } from "@/components/status/verdict-badge";
import { Spinner } from "@/components/ui/spinner";
import { fetchJson } from "@/lib/query/fetch-json";
import { filterQuery, IDEMPOTENCY_FILTERS, queryKeys } from "@/lib/query/keys";
import { pollEvery } from "@/lib/query/poll";
import { usePollFailure } from "@/lib/query/use-failure";
import { useServerError } from "@/lib/query/use-initial-error";
import type { SerializedApiError } from "@/lib/query/initial-error";

const REFRESH_MS = 10_000;

const KEYS = IDEMPOTENCY_FILTERS;

export function IdempotencyClient({ initialError }: { initialError?: SerializedApiError | null }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ""])) as unknown as KeyFilters;
  const qs = filterQuery((k) => params.get(k), KEYS);
  const queryKey = queryKeys.idempotencyList(qs);
  const server = useServerError(initialError, qs, REFRESH_MS);
  const list = useQuery({
    queryKey,
    enabled: server.mayFetch,
    // The limit goes to the console's API as typed: it refuses 0 or 501 with 422 before anything reaches the platform.
    queryFn: () => fetchJson<IdempotencyListResponse>(`/api/bgops/idempotency${qs ? `?${qs}` : ""}`),
    refetchInterval: pollEvery(REFRESH_MS),
  });
  const { failure, everyMs } = usePollFailure(list, queryKey, REFRESH_MS, server.seed);
  const setFilter = (k: keyof KeyFilters, v: string) => {
    const next = new URLSearchParams(params.toString());
    if (v) next.set(k, v);
    else next.delete(k);
    router.replace(next.size ? `${pathname}?${next}` : pathname, { scroll: false });
  };
  const d = list.data;
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold">Idempotency keys</h1>
        <p className="muted text-sm">Runbook §5. The most recent keys from the platform&apos;s index, newest first; filters apply to what was fetched.</p>
      </div>
      <IdSearch kind="idempotency" placeholder="e.g. demo-failed-0001" />
      <KeyFiltersForm value={filters} onChange={setFilter} />
      {list.isPending && !failure && <Spinner label="Loading the recent keys…" />}
      {failure && !d && (
        <KnownFailure failure={failure} everyMs={everyMs} fetching={list.isFetching}>
          <BgopsError error={failure.error} what="The idempotency list" />
        </KnownFailure>
      )}
      {d && (
        <section className="panel flex flex-col gap-2 p-4">
          <BgopsFreshness data={d} fetching={list.isFetching} failure={failure} everyMs={everyMs} />
          {d.error && <p role="alert" className="text-sm text-[var(--bad)]">The platform answered with an error instead of items: {d.error}</p>}
          <p className="muted text-xs" data-testid="key-count">
            {d.items.length} shown of {d.received} received (limit {d.limit}
            {d.reportedCount !== null ? `, count ${d.reportedCount}` : ", no count sent"}; expired keys are skipped by the platform)
            {d.invalidItems ? ` · ${d.invalidItems} items could not be read` : ""}
          </p>
          <table className="w-full text-sm">
            <thead className="muted text-left text-xs">
              <tr>
                <th className="py-1">Key</th>
                <th>Status</th>
                <th>Tenant</th>
                <th>Operation</th>
                <th>Created</th>
                <th>TTL</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((v, i) => (
                <tr key={`${v.key}-${i}`} className="border-t border-[var(--border)]" data-testid="key-row">
                  <td className="max-w-64 truncate py-1 font-mono text-xs">
                    <Link className="underline" href={`/idempotency/${encodeURIComponent(v.key ?? "")}`}>
                      {v.key}
                    </Link>
                  </td>
                  <td>
                    <VerdictBadge tone={badgeTone(v.status.tone)} label={v.status.label} />
                  </td>
                  <td>
                    {v.tenant} {v.crossTenant && <VerdictBadge tone="warn" label="other tenant" />}
                  </td>
                  <td className="font-mono text-xs">{v.operation.raw}</td>
                  <td className="tabular text-xs">{formatIso(v.createdAt, false)}</td>
                  <td className="text-xs">{v.ttl.label}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
