"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useHealthMatrix } from "@/app/(console)/health/client";
import { SloSummary } from "@/components/slo/slo-summary";
import { HealthMatrixTable } from "@/components/smoke/health-matrix";
import { Freshness } from "@/components/status/freshness";
import { VerdictBadge } from "@/components/status/verdict-badge";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Spinner } from "@/components/ui/spinner";
import { fetchJson } from "@/lib/query/fetch-json";
import type { SmokeRunSummary } from "@/lib/store";

interface Props {
  canRunChecks: boolean;
  platform: { demo: boolean; tenant: string; apiVersion: string; baseUrls: Record<string, string> };
  demoLinks: { label: string; href: string }[];
}

function LastSmokeRun({ canRunChecks }: { canRunChecks: boolean }) {
  const runs = useQuery({ queryKey: ["smoke-runs"], queryFn: () => fetchJson<{ runs: SmokeRunSummary[] }>("/api/smoke/runs?limit=20") });
  const last = runs.data?.runs[0];
  return (
    <section className="panel p-4" aria-labelledby="last-smoke">
      <div className="flex items-center justify-between">
        <h2 id="last-smoke" className="font-medium">
          Last smoke run
        </h2>
        {canRunChecks && (
          <Link href="/smoke?autorun=1" className="rounded bg-[var(--accent)] px-2 py-1 text-sm text-white">
            Run now
          </Link>
        )}
      </div>
      {runs.isPending && <Spinner />}
      {runs.isError && <ErrorPanel title="Could not read past smoke runs" message={(runs.error as Error).message} />}
      {runs.data && !last && <p className="muted mt-2 text-sm">No smoke run yet on this console.</p>}
      {last && (
        <p className="mt-2 flex flex-wrap items-center gap-2 text-sm">
          <VerdictBadge tone={last.green ? "pass" : "fail"} label={last.green ? "green" : "red"} />
          <Link className="text-[var(--accent)] underline" href={`/smoke?id=${last.id}`}>
            {last.startedAt.replace("T", " ").slice(0, 19)} UTC
          </Link>
          <span className="muted">
            {last.summary.ok} pass · {last.summary.warn} warn · {last.summary.fail} fail · {last.summary.error} error, by {last.actor}
          </span>
        </p>
      )}
    </section>
  );
}

export function OverviewClient({ canRunChecks, platform, demoLinks }: Props) {
  const matrix = useHealthMatrix();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-xl font-semibold">Overview</h1>
        <p className="muted text-sm">
          Tenant {platform.tenant}, API {platform.apiVersion}
          {platform.demo ? " — simulated platform" : ""}. Paste a saga id or idempotency key in the search box, or press Ctrl K.
        </p>
      </div>
      <section className="panel p-4" aria-labelledby="health-summary">
        <div className="flex items-center justify-between">
          <h2 id="health-summary" className="font-medium">
            Health
          </h2>
          <Link href="/health" className="text-sm text-[var(--accent)] underline">
            details
          </Link>
        </div>
        {matrix.isPending && <Spinner label="Probing every surface…" />}
        {matrix.isError && !matrix.data && <ErrorPanel title="Health could not be checked" message={(matrix.error as Error).message} />}
        {matrix.data && (
          <>
            <Freshness updatedAt={matrix.data.fetchedAt} source="health endpoints" fetching={matrix.isFetching} refreshError={matrix.isError ? (matrix.error as Error).message : null} />
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
