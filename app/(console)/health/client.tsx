"use client";

import { HealthMatrixTable } from "@/components/smoke/health-matrix";
import { useHealthMatrix } from "@/components/smoke/use-health-matrix";
import { Freshness } from "@/components/status/freshness";
import { KnownFailure } from "@/components/status/retry-line";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Spinner } from "@/components/ui/spinner";

export function HealthClient() {
  const matrix = useHealthMatrix();
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold">Health &amp; readiness</h1>
        <p className="muted text-sm">
          Runbook §2. Judged on the bodies, not only the status code: “ready” with only <code>unknown</code> checks is not a dependency check, and{" "}
          <code>degraded</code> is not green. Refreshes every 15 s.
        </p>
      </div>
      {matrix.isPending && !matrix.failure && <Spinner label="Probing every surface…" />}
      {matrix.failure && !matrix.data && (
        <KnownFailure failure={matrix.failure} everyMs={matrix.everyMs} fetching={matrix.isFetching}>
          <ErrorPanel title="The health matrix could not be loaded" message={(matrix.failure.error as Error).message} hint="The console server may be down or you may be signed out; reload the page." />
        </KnownFailure>
      )}
      {matrix.data && (
        <section className="panel p-4">
          <Freshness updatedAt={matrix.data.fetchedAt} source="the platform's health endpoints" fetching={matrix.isFetching} refreshError={matrix.isError ? (matrix.error as Error).message : null} failure={matrix.failure} everyMs={matrix.everyMs} />
          <HealthMatrixTable matrix={matrix.data} />
          <p className="muted mt-3 text-sm">
            If readiness fails: inspect logs for DB/Redis/connectivity, confirm secrets resolved via OpenBao/Vault, verify Nginx upstreams and tenant header
            mapping (runbook §2).
          </p>
        </section>
      )}
    </div>
  );
}
