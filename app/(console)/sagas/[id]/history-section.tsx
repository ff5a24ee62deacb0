"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import { ListPlaceholder } from "@/components/ui/list-placeholder";
import { SagaTimelineChart } from "@/components/timeline/saga-timeline-chart";
import { Spinner } from "@/components/ui/spinner";
import type { HistoryPage } from "@/lib/domain/history-page";
import type { SagaBars } from "@/lib/domain/saga-bars";
import { fetchJson } from "@/lib/query/fetch-json";

interface Props {
  id: string;
  via?: "api" | "redis";
  /** The unfiltered first page, delivered with the saga. */
  firstPage: HistoryPage;
  bars: SagaBars;
  local: boolean;
  step: string;
  status: string;
  onFilter: (updates: { step?: string | null; status?: string | null }) => void;
}

// A virtualised list renders no rows on the server: its code (and the virtualiser's) loads after the first paint.
const HistoryList = dynamic(() => import("@/app/(console)/sagas/[id]/lists").then((m) => m.HistoryList), {
  ssr: false,
  loading: () => <ListPlaceholder label="Loading the history list…" height={240} />,
});

const STATUSES = ["completed", "failed", "compensated"];

function historyUrl(id: string, q: { cursor: number; step: string; status: string; via?: string }) {
  const p = new URLSearchParams({ cursor: String(q.cursor), limit: "500" });
  if (q.step) p.set("step", q.step);
  if (q.status) p.set("status", q.status);
  if (q.via) p.set("via", q.via);
  return `/api/bgops/sagas/${encodeURIComponent(id)}/history?${p.toString()}`;
}

/** Timeline + the history a page (≤ 500 entries) at a time from the console's server: search by step, status, jump to the first failure. */
export function HistorySection({ id, via, firstPage, bars, local, step, status, onFilter }: Props) {
  const [focus, setFocus] = useState<{ seq: number; nonce: number } | null>(null);
  const [search, setSearch] = useState(step);
  const unfiltered = !step && !status;
  const pages = useInfiniteQuery({
    // The history's length in the key: a running saga's growing history starts the list again.
    queryKey: ["saga-history", id, via ?? "auto", step, status, firstPage.historyTotal],
    queryFn: ({ pageParam }) => fetchJson<HistoryPage>(historyUrl(id, { cursor: pageParam, step, status, via })),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    ...(unfiltered ? { initialData: { pages: [firstPage], pageParams: [0] } } : {}),
    staleTime: Infinity,
  });
  // Typing searches after a pause, not on every key (each search is a server request).
  useEffect(() => {
    if (search === step) return;
    const t = setTimeout(() => onFilter({ step: search.trim() || null }), 300);
    return () => clearTimeout(t);
  }, [search, step, onFilter]);

  const loaded = pages.data?.pages ?? [];
  const rows = loaded.flatMap((p) => p.items);
  const head = loaded[0];
  const total = head?.total ?? 0;
  const first = head?.firstFailure ?? (unfiltered ? firstPage.firstFailure : null);

  /** Loads pages until entry `index` is in the list, then scrolls to it. */
  const jumpTo = async (index: number, seq: number) => {
    let have = rows.length;
    let more = pages.hasNextPage;
    while (have <= index && more) {
      const r = await pages.fetchNextPage();
      have = r.data?.pages.reduce((n, p) => n + p.items.length, 0) ?? have;
      more = r.hasNextPage;
    }
    setFocus({ seq, nonce: Date.now() });
  };
  // From the timeline: positions are the unfiltered history's, so a filter is cleared first.
  const selectSeq = (seq: number) => {
    if (!unfiltered) {
      onFilter({ step: null, status: null });
      setSearch("");
    }
    setFocus({ seq, nonce: Date.now() });
    if (unfiltered) void jumpTo(seq, seq);
  };

  return (
    <section className="panel flex flex-col gap-3 p-4" aria-labelledby="history-heading">
      <SagaTimelineChart bars={bars} local={local} onSelect={selectSeq} />
      <div className="flex flex-wrap items-end gap-3">
        <h2 id="history-heading" className="mr-auto font-semibold">
          History{" "}
          <span className="muted text-sm font-normal">
            ({unfiltered ? `${firstPage.historyTotal} entries` : `${total} of ${firstPage.historyTotal} entries`}, sorted by timestamp; {rows.length} loaded)
          </span>
        </h2>
        <label className="flex flex-col text-xs">
          <span className="muted">Step</span>
          <input
            type="search"
            aria-label="Search steps"
            placeholder="name or id, e.g. batch 12"
            className="w-56 rounded border border-[var(--border)] bg-[var(--panel)] px-2 py-1 text-sm"
            value={search}
            maxLength={128}
            onChange={(e) => setSearch(e.target.value)}
          />
        </label>
        <label className="flex flex-col text-xs">
          <span className="muted">Status</span>
          <select className="rounded border border-[var(--border)] bg-[var(--panel)] px-2 py-1 text-sm" value={status} onChange={(e) => onFilter({ status: e.target.value || null })}>
            <option value="">All statuses</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="rounded border border-[var(--bad)]/60 px-3 py-1 text-sm hover:bg-[var(--panel-2)] disabled:opacity-50"
          disabled={!first || pages.isFetchingNextPage}
          onClick={() => first && void jumpTo(first.index, first.seq)}
        >
          Jump to first failure
        </button>
      </div>
      {pages.isPending && <Spinner label="Loading history…" />}
      {pages.isError && !pages.data && <p role="alert" className="text-sm text-[var(--bad)]">History could not be loaded: {(pages.error as Error).message}</p>}
      {pages.data && (
        <HistoryList
          events={rows}
          total={total}
          local={local}
          focusSeq={focus}
          onNearEnd={() => pages.hasNextPage && !pages.isFetchingNextPage && void pages.fetchNextPage()}
        />
      )}
      {pages.isFetchingNextPage && <Spinner label="Loading more history…" />}
    </section>
  );
}
