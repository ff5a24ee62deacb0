"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { IncidentList } from "@/components/incidents/incident-list";
import { OpenIncidentForm } from "@/components/incidents/open-incident-form";
import { Freshness } from "@/components/status/freshness";
import { KnownFailure } from "@/components/status/retry-line";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Spinner } from "@/components/ui/spinner";
import { queryKeys } from "@/lib/query/keys";
import { fetchJson } from "@/lib/query/fetch-json";
import { pollEvery } from "@/lib/query/poll";
import { usePollFailure } from "@/lib/query/use-failure";
import type { Incident } from "@/lib/store";

export function IncidentsClient({ canOpen, defaultTenant }: { canOpen: boolean; defaultTenant: string }) {
  const router = useRouter();
  const search = useSearchParams();
  const qc = useQueryClient();
  const formOpen = search.get("new") === "1";
  const list = useQuery({ queryKey: queryKeys.incidents(), queryFn: () => fetchJson<{ incidents: Incident[] }>("/api/incidents"), refetchInterval: pollEvery(10_000) });
  const { failure, everyMs } = usePollFailure(list, queryKeys.incidents(), 10_000);

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Incidents</h1>
        {canOpen && !formOpen && (
          <button type="button" onClick={() => router.replace("/incidents?new=1", { scroll: false })} className="rounded bg-[var(--accent)] px-3 py-1.5 font-medium text-white">
            Open incident
          </button>
        )}
        {!canOpen && <span className="muted text-sm">Opening incidents needs the responder role.</span>}
      </div>
      {formOpen && canOpen && (
        <OpenIncidentForm
          defaultTenant={defaultTenant}
          onCancel={() => router.replace("/incidents", { scroll: false })}
          onOpened={(incident) => {
            void qc.invalidateQueries({ queryKey: ["incidents"] });
            router.push(`/incidents/${incident.id}`);
          }}
        />
      )}
      <section className="panel p-4">
        {list.isPending && !failure && <Spinner />}
        {failure && !list.data && (
          <KnownFailure failure={failure} everyMs={everyMs} fetching={list.isFetching}>
            <ErrorPanel title="Incidents could not be listed" message={(failure.error as Error).message} />
          </KnownFailure>
        )}
        {list.data && (
          <>
            <Freshness updatedAt={list.dataUpdatedAt} source="the console's store" fetching={list.isFetching} refreshError={list.isError ? (list.error as Error).message : null} />
            <IncidentList incidents={list.data.incidents} />
          </>
        )}
      </section>
    </div>
  );
}
