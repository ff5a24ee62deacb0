"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { AuditFilters } from "@/app/(console)/audit/audit-filters";
import { AuditTable } from "@/app/(console)/audit/audit-table";
import { parseAuditSearch, toAuditQuery, type AuditSearch } from "@/app/(console)/audit/search-params";
import { Freshness } from "@/components/status/freshness";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Spinner } from "@/components/ui/spinner";
import { fetchJson } from "@/lib/query/fetch-json";
import type { AuditPage } from "@/lib/store";

const DEFAULT_PAGE_SIZE = 100;

// `limit` in the URL sets the page size (1–500), so "load more" is reachable on a short trail too.
function pageSize(raw: string | null): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 500 ? n : DEFAULT_PAGE_SIZE;
}

export function AuditClient() {
  const router = useRouter();
  const params = useSearchParams();
  const search = parseAuditSearch(params);
  const qs = toAuditQuery(search);
  const limit = pageSize(params.get("limit"));

  const audit = useInfiniteQuery({
    queryKey: ["audit", qs, limit],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam }) => {
      const url = new URLSearchParams(qs);
      url.set("limit", String(limit));
      if (pageParam !== null) url.set("before", String(pageParam));
      return fetchJson<AuditPage>(`/api/audit?${url}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });

  const apply = (next: AuditSearch) => {
    const q = [toAuditQuery(next), params.has("limit") ? `limit=${limit}` : ""].filter(Boolean).join("&");
    router.replace(q ? `/audit?${q}` : "/audit", { scroll: false });
  };
  const rows = audit.data?.pages.flatMap((p) => p.rows) ?? [];
  const filtered = qs !== "";

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Audit trail</h1>
        <a
          href={`/api/audit/export.csv${qs ? `?${qs}` : ""}`}
          download
          className="rounded border border-[var(--border)] px-3 py-1 text-sm hover:bg-[var(--panel-2)]"
        >
          Export CSV{filtered ? " (filtered)" : ""}
        </a>
        <button
          type="button"
          className="rounded border border-[var(--border)] px-3 py-1 text-sm hover:bg-[var(--panel-2)]"
          onClick={() => void audit.refetch()}
          disabled={audit.isFetching}
        >
          Refresh
        </button>
      </div>
      {/* Keyed by the URL so back/forward and row clicks reset the form to what is shown. */}
      <AuditFilters key={qs} value={search} onApply={apply} />
      <Freshness
        updatedAt={audit.dataUpdatedAt || undefined}
        source="the console's store"
        refreshError={audit.isRefetchError ? audit.error.message : null}
        fetching={audit.isFetching}
      />
      {audit.isPending ? (
        <Spinner label="Loading the audit trail…" />
      ) : audit.isError && rows.length === 0 ? (
        <ErrorPanel
          title="Could not read the audit trail"
          message={audit.error.message}
          hint={filtered ? "Check the filters above, or clear them." : "The console's store may be unavailable; try again shortly."}
        />
      ) : rows.length === 0 ? (
        <p className="panel muted p-4 text-sm">{filtered ? "No audit records match these filters." : "The audit trail is empty."}</p>
      ) : (
        <>
          <AuditTable rows={rows} onFilter={(key, value) => apply({ ...search, [key]: value })} />
          <div className="flex items-center gap-3 text-sm">
            <span className="muted">
              {rows.length} record{rows.length === 1 ? "" : "s"}, newest first
            </span>
            {audit.hasNextPage ? (
              <button
                type="button"
                className="rounded border border-[var(--border)] px-3 py-1 hover:bg-[var(--panel-2)]"
                onClick={() => void audit.fetchNextPage()}
                disabled={audit.isFetchingNextPage}
              >
                {audit.isFetchingNextPage ? "Loading…" : "Load more"}
              </button>
            ) : (
              <span className="muted">End of the audit trail.</span>
            )}
            {audit.isFetchNextPageError && <span className="text-[var(--bad)]">Loading more failed: {audit.error?.message}</span>}
          </div>
        </>
      )}
    </div>
  );
}
