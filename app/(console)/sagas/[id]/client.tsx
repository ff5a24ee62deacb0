"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { HistorySection } from "@/app/(console)/sagas/[id]/history-section";
import { SagaRawJson } from "@/app/(console)/sagas/[id]/raw-json";
import { StepsSection } from "@/app/(console)/sagas/[id]/steps-section";
import { useSagaUrlState } from "@/app/(console)/sagas/[id]/url-state";
import type { SagaDetailResponse } from "@/components/bgops/api-types";
import { BgopsError } from "@/components/bgops/bgops-error";
import { SagaHeader } from "@/components/bgops/saga-header";
import { BgopsFreshness } from "@/components/bgops/bgops-freshness";
import { TimeZoneToggle } from "@/components/bgops/time-zone-toggle";
import { TONE_TEXT } from "@/components/bgops/tone";
import { KnownFailure } from "@/components/status/retry-line";
import { Spinner } from "@/components/ui/spinner";
import { sagaViewAt } from "@/lib/domain/saga-clock";
import { fetchJson } from "@/lib/query/fetch-json";
import { pollEvery, retryEvery } from "@/lib/query/poll";
import { usePollFailure } from "@/lib/query/use-failure";
import { initialFailure, type SerializedApiError } from "@/lib/query/initial-error";
import { queryKeys } from "@/lib/query/keys";
import { useFetchAfterServerError } from "@/lib/query/use-initial-error";

const REFRESH_MS = 5_000;

function useNow(active: boolean) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [active]);
  return now;
}

const AsOf = ({ at }: { at: number }) => (
  <span className="muted text-sm font-normal" data-testid="as-of">
    {" "}
    — as of {new Date(at).toISOString().slice(11, 19)} UTC, the last answer
  </span>
);

export function SagaClient({ id, initialError }: { id: string; initialError?: SerializedApiError | null }) {
  const url = useSagaUrlState();
  const queryKey = queryKeys.saga(id, url.via);
  const mayFetch = useFetchAfterServerError(initialError, REFRESH_MS);
  const saga = useQuery({
    queryKey,
    enabled: mayFetch,
    queryFn: () => fetchJson<SagaDetailResponse>(`/api/bgops/sagas/${encodeURIComponent(id)}${url.via ? `?via=${url.via}` : ""}`),
    // Auto-refresh while the saga can still change; a refused id or "not found" will not fix itself.
    refetchInterval: pollEvery<SagaDetailResponse>(REFRESH_MS, (d) => Boolean(d.view?.header.status.terminal)),
  });
  const { failure, everyMs } = usePollFailure(saga, queryKey, REFRESH_MS, initialFailure(initialError));

  const data = saga.data;
  // Until the browser's own answer arrives, the error the server met is the one to show.
  const shown = failure ?? (data ? null : initialFailure(initialError));
  const terminal = data?.view?.header.status.terminal ?? false;
  // The last refresh failed: what is shown is the last answer, and its clock stops at that answer's time.
  const stale = Boolean(data && failure);
  const now = useNow(Boolean(data?.saga) && !terminal && !stale);
  // The header ticks (time left, stuck for) while the saga runs; a terminal saga keeps the server's view.
  const header = useMemo(() => {
    if (!data?.view) return null;
    if (terminal) return data.view.header;
    return sagaViewAt(data.view.header, stale ? data.fetchedAt : Math.max(now, data.fetchedAt), data.context.stuckAfterMs);
  }, [data, now, terminal, stale]);

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold break-all">
          Saga <span className="font-mono text-base">{id.length > 80 ? `${id.slice(0, 80)}…` : id}</span>
        </h1>
        <div className="ml-auto flex items-center gap-2">
          <TimeZoneToggle local={url.local} onChange={(l) => url.set({ tz: l ? "local" : null })} />
          <Link href="/sagas" className="text-sm underline">
            All sagas
          </Link>
        </div>
      </div>
      {saga.isPending && !shown && <Spinner label="Loading the saga and its history…" />}
      {shown && !data && (
        <KnownFailure failure={shown} everyMs={failure ? everyMs : retryEvery(REFRESH_MS, shown.error)} fetching={saga.isFetching}>
          <BgopsError error={shown.error} what="Saga" otherSourceHref={(via) => `/sagas/${encodeURIComponent(id)}?via=${via}`} />
        </KnownFailure>
      )}
      {data && (
        <>
          <BgopsFreshness data={data} fetching={saga.isFetching} failure={failure} everyMs={everyMs} />
          {data.view ? (
            <p data-testid="saga-verdict" className={`panel p-3 text-base font-medium ${TONE_TEXT[data.view.verdict.tone] ?? ""}`}>
              {data.view.verdict.text}
              {stale && <AsOf at={data.fetchedAt} />}
            </p>
          ) : (
            <p data-testid="saga-verdict" role="status" className="panel border-[var(--warn)]/50 p-3 font-medium">
              History without a saga record: {data.sagaNotFoundReason ?? "no saga record"} in {data.via === "api" ? "the bgops API" : "Redis"}, but{" "}
              {data.historyTotal} history entries exist. The saga record may have been deleted or never written.
            </p>
          )}
          {data.historyError && (
            <p role="alert" className="panel border-[var(--warn)]/50 p-3 text-sm">
              History could not be read completely: {data.historyError}
            </p>
          )}
          {header && (
            <section className="panel p-4">
              <SagaHeader view={header} tenantInUse={data.context.tenantInUse} local={url.local} />
            </section>
          )}
          {data.steps.total > 0 && <StepsSection id={id} via={url.via} first={data.steps} pollMs={terminal ? false : REFRESH_MS} />}
          <HistorySection
            id={id}
            via={url.via}
            firstPage={data.historyPage}
            bars={data.bars}
            local={url.local}
            step={url.step}
            status={url.status}
            onFilter={(u) => url.set(u)}
          />
          <section className="flex flex-col gap-2">
            <h2 className="font-semibold">Raw JSON</h2>
            <SagaRawJson id={id} via={url.via} />
          </section>
        </>
      )}
    </div>
  );
}
