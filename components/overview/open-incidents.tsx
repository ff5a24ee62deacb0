"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { KnownFailure } from "@/components/status/retry-line";
import { VerdictBadge } from "@/components/status/verdict-badge";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Spinner } from "@/components/ui/spinner";
import { fetchJson } from "@/lib/query/fetch-json";
import { pollEvery } from "@/lib/query/poll";
import { usePollFailure } from "@/lib/query/use-failure";
import { queryKeys } from "@/lib/query/keys";

const KEY = queryKeys.openIncidents();
import type { Incident } from "@/lib/store";

export function OpenIncidents() {
  const incidents = useQuery({
    queryKey: KEY,
    queryFn: () => fetchJson<{ incidents: Incident[] }>("/api/incidents?status=open"),
    refetchInterval: pollEvery(10_000),
  });
  const { failure, everyMs } = usePollFailure(incidents, KEY, 10_000);
  const open = incidents.data?.incidents ?? [];
  return (
    <section className="panel p-4" aria-labelledby="open-incidents">
      <div className="flex items-center justify-between">
        <h2 id="open-incidents" className="font-medium">
          Open incidents
        </h2>
        <Link href="/incidents?new=1" className="text-sm text-[var(--accent)] underline">
          open an incident
        </Link>
      </div>
      {incidents.isPending && !failure && <Spinner />}
      {failure && (
        <KnownFailure failure={failure} everyMs={everyMs} fetching={incidents.isFetching}>
          <ErrorPanel title="Could not list incidents" message={(failure.error as Error).message} />
        </KnownFailure>
      )}
      {incidents.data && open.length === 0 && <p className="muted mt-2 text-sm">No open incident.</p>}
      <ul className="mt-2 flex flex-col gap-1 text-sm">
        {open.map((i) => (
          <li key={i.id} className="flex flex-wrap items-center gap-2">
            <VerdictBadge tone={i.severity === "sev1" || i.severity === "sev2" ? "fail" : "warn"} label={i.severity} />
            <Link href={`/incidents/${i.id}`} className="text-[var(--accent)] underline">
              {i.title}
            </Link>
            <span className="muted">
              {i.tenant ?? "all tenants"} · since {i.startedAt.replace("T", " ").slice(0, 16)} UTC · {i.counts.done + i.counts.skipped} of {i.counts.total} steps
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
