"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { VerdictBadge } from "@/components/status/verdict-badge";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Spinner } from "@/components/ui/spinner";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";
import type { SmokeRunSummary } from "@/lib/store";

export function LastSmokeRun({ canRunChecks }: { canRunChecks: boolean }) {
  const runs = useQuery({ queryKey: queryKeys.smokeRuns(), queryFn: () => fetchJson<{ runs: SmokeRunSummary[] }>("/api/smoke/runs?limit=20") });
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
