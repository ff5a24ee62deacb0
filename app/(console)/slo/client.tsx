"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { memo } from "react";
import { SloCard } from "@/components/slo/slo-card";
import { useNow } from "@/components/slo/use-now";
import { sourceLine } from "@/components/slo/source-line";
import { parseWindow, WINDOW_OPTIONS, type SloReportJson, type SloWindow } from "@/components/slo/types";
import { SLO_REFETCH_MS, useSloReport } from "@/components/slo/use-slo-report";
import { KnownFailure } from "@/components/status/retry-line";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Spinner } from "@/components/ui/spinner";

function WindowSelector({ value, onChange }: { value: SloWindow; onChange: (w: SloWindow) => void }) {
  return (
    <div role="radiogroup" aria-label="Chart window" className="flex gap-1">
      {WINDOW_OPTIONS.map((w) => (
        <button
          key={w}
          type="button"
          role="radio"
          aria-checked={w === value}
          onClick={() => onChange(w)}
          className={`rounded border px-2 py-0.5 text-sm ${w === value ? "border-[var(--accent)] bg-[var(--accent)]/15" : "border-[var(--border)] hover:bg-[var(--panel-2)]"}`}
        >
          {w}
        </button>
      ))}
    </div>
  );
}

// Cards hold charts of ~800 points each: they re-render when the report changes, never on a clock tick.
const MemoSloCard = memo(SloCard);

/** The metric source with its ticking "last scrape N s ago": the only part of the page that re-renders every second. */
function SourceSection({ data }: { data: SloReportJson }) {
  const now = useNow();
  const line = sourceLine(data, now);
  return (
    <section className="panel flex flex-col gap-1 p-3 text-sm" aria-label="Metric source">
      <p>
        Source: <span data-testid="slo-source">{line.text}</span>
      </p>
      {line.problem && <p role="status" className="text-[var(--warn)]">{line.problem}</p>}
      {data.metricsExposedSeriesMissing && (
        <p role="status" className="font-medium text-[var(--warn)]" data-testid="series-missing-banner">
          Metrics exposed, SLO series missing: the latest scrape of /metrics succeeded but carried none of the series the SLO definitions read
          (the platform&apos;s static /metrics looks like this). Runbook §6.
        </p>
      )}
      {data.alertRules && !data.alertRules.ok && <p className="text-[var(--warn)]">Alert rules could not be read: {data.alertRules.error}</p>}
      {data.alertRules?.ok && <p className="muted">Alerts able to fire: {data.alertRules.able} of {data.alertRules.count} (rules from {data.alertRules.source}) · <Link href="/slo/alerts" className="underline">alert rules</Link></p>}
      <p className="muted text-xs">Definitions: {data.definitions.custom ? data.definitions.file : "shipped with the console"}.</p>
    </section>
  );
}

export function SloClient({ prometheus }: { prometheus: boolean }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const window = parseWindow(params.get("window"));
  const report = useSloReport(window);
  const setWindow = (w: SloWindow) => {
    const next = new URLSearchParams(params.toString());
    next.set("window", w);
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  };
  const data = report.data;
  // Judged at the report's own time, so it changes with the data, not with the clock.
  const line = data ? sourceLine(data, data.fetchedAt) : null;
  const refreshError = report.isError ? (report.error as Error).message : (line?.problem ?? null);

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex-1">
          <h1 className="text-xl font-semibold">SLOs</h1>
          <p className="muted text-sm">
            Runbook §6: error budgets over 30 days and burn rates over the SRE Workbook&apos;s window pairs (1h/5m ≥ 14.4×, 6h/30m ≥ 6×, 3d/6h ≥ 1×). The
            window below sets the charts and the &quot;last …&quot; line; states always use the fixed pairs.
          </p>
        </div>
        <WindowSelector value={window} onChange={setWindow} />
      </div>
      {report.isPending && !report.failure && <Spinner label="Evaluating SLOs…" />}
      {report.failure && !data && (
        <KnownFailure failure={report.failure} everyMs={report.everyMs} fetching={report.isFetching}>
          <ErrorPanel title="The SLOs could not be evaluated" message={(report.failure.error as Error).message} hint="Check the metric source below the message; the store or Prometheus may be unavailable." />
        </KnownFailure>
      )}
      {data && (
        <>
          <SourceSection data={data} />
          <div className="grid gap-4 xl:grid-cols-2">
            {data.slos.map((s) => (
              <MemoSloCard
                key={s.id}
                slo={s}
                window={data.window}
                updatedAt={data.fetchedAt}
                source={data.source.label}
                fetching={report.isFetching}
                refreshError={refreshError}
                prometheus={prometheus}
                refetchMs={SLO_REFETCH_MS * 2}
              />
            ))}
          </div>
        </>
      )}
    </div>
  );
}
