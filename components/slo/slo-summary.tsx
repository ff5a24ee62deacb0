"use client";

import Link from "next/link";
import { dataAge, verdictView } from "@/components/slo/data-age";
import { sourceLine } from "@/components/slo/source-line";
import { useNow } from "@/components/slo/use-now";
import { useSloReport } from "@/components/slo/use-slo-report";
import { Freshness } from "@/components/status/freshness";
import { KnownFailure } from "@/components/status/retry-line";
import { VerdictBadge } from "@/components/status/verdict-badge";
import { Spinner } from "@/components/ui/spinner";

/** Each SLO's state in a few lines (no charts), for the overview and the runbook's /metrics step. */
export function SloSummary({ compact = false }: { compact?: boolean }) {
  const report = useSloReport();
  const now = useNow();
  if (!report.data && report.failure) {
    return (
      <KnownFailure failure={report.failure} everyMs={report.everyMs} fetching={report.isFetching}>
        <p role="alert" className="text-sm text-[var(--bad)]">
          SLOs unavailable: {(report.failure.error as Error).message}
        </p>
      </KnownFailure>
    );
  }
  if (!report.data) return <Spinner label="Evaluating SLOs…" />;
  const data = report.data;
  const line = sourceLine(data, now);
  // Against the ticking clock: a report that stopped refreshing (the console's own API failing) ages too.
  const age = dataAge(data, Math.max(now, data.fetchedAt));
  return (
    <div className="flex flex-col gap-2" data-testid="slo-summary">
      {data.metricsExposedSeriesMissing && (
        <p role="status" className="text-sm text-[var(--warn)]">Metrics exposed, SLO series missing.</p>
      )}
      {line.problem && <p role="status" className="text-sm text-[var(--warn)]">{line.problem}</p>}
      <ul className={compact ? "flex flex-col gap-1" : "grid gap-1 sm:grid-cols-2"}>
        {data.slos.map((s) => {
          const verdict = verdictView(s.state, age);
          return (
            <li key={s.id} className="flex items-center justify-between gap-2 text-sm" data-state={s.state} data-stale={verdict.stale}>
              <Link href={`/slo?window=${data.window}#slo-${s.id}`} className="truncate hover:underline">
                {s.name} <span className="muted text-xs">{s.scheme}</span>
              </Link>
              <VerdictBadge tone={verdict.tone} label={verdict.label} />
            </li>
          );
        })}
      </ul>
      <Freshness updatedAt={data.fetchedAt} source={line.text} fetching={report.isFetching} refreshError={report.isError ? (report.error as Error).message : null} failure={report.failure} everyMs={report.everyMs} />
    </div>
  );
}
