"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import { ListPlaceholder } from "@/components/ui/list-placeholder";
import { Spinner } from "@/components/ui/spinner";
import { STEPS_PAGE_MAX, stepRows, type FirstStepsPage, type StepsPage } from "@/lib/domain/saga-steps-page";
import { fetchJson } from "@/lib/query/fetch-json";

interface Props {
  id: string;
  via?: "api" | "redis";
  /** The first steps and the ones the verdict names, delivered with the saga (fresh on every poll). */
  first: FirstStepsPage;
  /** A running saga's loaded pages follow it; a finished one's never change. */
  pollMs: number | false;
}

// A virtualised list renders no rows on the server: its code (and the virtualiser's) loads after the first paint.
const StepsTable = dynamic(() => import("@/app/(console)/sagas/[id]/lists").then((m) => m.StepsTable), {
  ssr: false,
  loading: () => <ListPlaceholder label="Loading the steps table…" height={120} />,
});

function stepsUrl(id: string, cursor: number, via?: string) {
  const p = new URLSearchParams({ cursor: String(cursor), limit: String(STEPS_PAGE_MAX) });
  if (via) p.set("via", via);
  return `/api/bgops/sagas/${encodeURIComponent(id)}/steps?${p.toString()}`;
}

const count = (n: number) => n.toLocaleString("en-US");

/** The steps table: the first page comes with the saga; the rest a page (≤ 500) at a time, on request. */
export function StepsSection({ id, via, first, pollMs }: Props) {
  // How many steps, from the first, the user asked to see; pages load until they are all in.
  const [target, setTarget] = useState(first.items.length);
  const more = useInfiniteQuery({
    queryKey: ["saga-steps", id, via ?? "auto"],
    queryFn: ({ pageParam }) => fetchJson<StepsPage>(stepsUrl(id, pageParam, via)),
    initialPageParam: first.nextCursor ?? 0,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: first.nextCursor !== null && target > first.items.length,
    staleTime: Infinity,
    refetchInterval: pollMs,
  });
  const extra = more.data?.pages ?? [];
  const loaded = first.items.length + extra.reduce((n, p) => n + p.items.length, 0);
  const complete = first.nextCursor === null || (more.data !== undefined && !more.hasNextPage);
  const { data, isFetching, isError, hasNextPage, fetchNextPage } = more;
  useEffect(() => {
    if (data && hasNextPage && !isFetching && !isError && loaded < target) void fetchNextPage();
  }, [data, hasNextPage, isFetching, isError, loaded, target, fetchNextPage]);

  // "Show all" removes the buttons once everything is in: focus goes to the line that says so, not to the page.
  const done = useRef<HTMLParagraphElement>(null);
  const moreButton = useRef<HTMLButtonElement>(null);
  const loadedMore = extra.length > 0;
  useEffect(() => {
    if (complete && loadedMore && document.activeElement === document.body) done.current?.focus();
  }, [complete, loadedMore]);

  const rows = stepRows([...first.items, ...first.notable, ...extra.flatMap((p) => p.items)], first.total);
  const beyond = first.notable.filter((s) => s.index >= loaded).length;
  const wanted = Math.min(target, first.total);
  const loading = isFetching && loaded < wanted;
  const nextBatch = Math.min(STEPS_PAGE_MAX, first.total - loaded);

  return (
    <section className="flex flex-col gap-2" aria-label="Steps">
      <h2 className="font-semibold">Steps ({first.total})</h2>
      <StepsTable rows={rows} total={first.total} />
      {!complete && (
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span data-testid="steps-loaded">
            Showing steps 1–{count(loaded)} of {count(first.total)}
            {beyond > 0 && ` and ${beyond} further on that the verdict names`}
          </span>
          {/* aria-disabled, not disabled: a disabled button loses focus to <body> and the reader its place. */}
          <button
            ref={moreButton}
            type="button"
            className="rounded border border-[var(--border)] px-3 py-1 hover:bg-[var(--panel-2)] aria-disabled:opacity-50"
            aria-disabled={loading}
            onClick={() => !loading && setTarget(loaded + STEPS_PAGE_MAX)}
          >
            Load {count(nextBatch)} more steps
          </button>
          <button
            type="button"
            className="rounded border border-[var(--border)] px-3 py-1 hover:bg-[var(--panel-2)] aria-disabled:opacity-50"
            aria-disabled={loading}
            onClick={() => !loading && setTarget(first.total)}
          >
            Show all {count(first.total)} steps
          </button>
        </div>
      )}
      {complete && loadedMore && (
        <p ref={done} tabIndex={-1} role="status" className="muted text-sm outline-none">
          All {count(first.total)} steps loaded.
        </p>
      )}
      {loading && (
        <div className="flex items-center gap-3">
          <Spinner label={`Loading steps ${count(loaded + 1)}–${count(wanted)} of ${count(first.total)}…`} />
          <progress className="h-2 w-48" max={first.total} value={loaded} aria-label="Steps loaded" />
        </div>
      )}
      {isError && !isFetching && (
        <p role="alert" className="flex flex-wrap items-center gap-3 text-sm text-[var(--bad)]">
          Steps after {count(loaded)} could not be loaded: {more.error.message}
          <button
            type="button"
            className="rounded border border-[var(--border)] px-3 py-1 text-[var(--fg)] hover:bg-[var(--panel-2)]"
            onClick={() => {
              // The retry removes this alert (and its button): focus waits on "Load more" instead.
              moreButton.current?.focus();
              void (data ? fetchNextPage() : more.refetch());
            }}
          >
            Try again
          </button>
        </p>
      )}
    </section>
  );
}
