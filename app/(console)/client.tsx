"use client";

import Link from "next/link";
import { useHealthMatrix } from "@/components/smoke/use-health-matrix";
import { LastSmokeRun } from "@/components/overview/last-smoke-run";
import { OpenIncidents } from "@/components/overview/open-incidents";
import { SloSummary } from "@/components/slo/slo-summary";
import { HealthMatrixTable } from "@/components/smoke/health-matrix";
import { Freshness } from "@/components/status/freshness";
import { KnownFailure } from "@/components/status/retry-line";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Spinner } from "@/components/ui/spinner";

interface Props {
  canRunChecks: boolean;
  platform: { simulated: boolean; tenant: string; apiVersion: string; baseUrls: Record<string, string> };
  demoLinks: { label: string; href: string }[];
}

export function OverviewClient({ canRunChecks, platform, demoLinks }: Props) {
  const matrix = useHealthMatrix();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-xl font-semibold">Overview</h1>
        <p className="muted text-sm">
          Tenant {platform.tenant}, API {platform.apiVersion}
          {platform.simulated ? " — simulated platform" : ""}. Paste a saga id or idempotency key in the search box, or press Ctrl K.
        </p>
      </div>
      <OpenIncidents />
      <section className="panel p-4" aria-labelledby="health-summary">
        <div className="flex items-center justify-between">
          <h2 id="health-summary" className="font-medium">
            Health
          </h2>
          <Link href="/health" className="text-sm text-[var(--accent)] underline">
            details
          </Link>
        </div>
        {matrix.isPending && !matrix.failure && <Spinner label="Probing every surface…" />}
        {matrix.failure && !matrix.data && (
          <KnownFailure failure={matrix.failure} everyMs={matrix.everyMs} fetching={matrix.isFetching}>
            <ErrorPanel title="Health could not be checked" message={(matrix.failure.error as Error).message} />
          </KnownFailure>
        )}
        {matrix.data && (
          <>
            <Freshness updatedAt={matrix.data.fetchedAt} source="health endpoints" fetching={matrix.isFetching} refreshError={matrix.isError ? (matrix.error as Error).message : null} failure={matrix.failure} everyMs={matrix.everyMs} />
            <HealthMatrixTable matrix={matrix.data} compact />
          </>
        )}
      </section>
      <LastSmokeRun canRunChecks={canRunChecks} />
      <section className="panel p-4" aria-labelledby="slo-states">
        <div className="flex items-center justify-between">
          <h2 id="slo-states" className="font-medium">
            SLOs
          </h2>
          <Link href="/slo" className="text-sm text-[var(--accent)] underline">
            budgets and burn rates
          </Link>
        </div>
        <SloSummary compact />
      </section>
      {demoLinks.length > 0 && (
        <section className="panel p-4" aria-labelledby="demo-links">
          <h2 id="demo-links" className="font-medium">
            Try the demo
          </h2>
          <p className="muted text-sm">The simulator seeds sagas and keys in every state. A few to start with:</p>
          <ul className="mt-2 grid gap-1 text-sm md:grid-cols-2">
            {demoLinks.map((l) => (
              <li key={l.href}>
                <Link className="text-[var(--accent)] underline" href={l.href}>
                  {l.label}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
