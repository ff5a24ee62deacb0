"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { SloCard } from "@/components/slo/slo-card";
import { useNow } from "@/components/slo/use-now";
import { sourceLine } from "@/components/slo/source-line";
import { parseWindow, WINDOW_OPTIONS, type SloWindow } from "@/components/slo/types";
import { SLO_REFETCH_MS, useSloReport } from "@/components/slo/use-slo-report";
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

export function SloClient({ prometheus }: { prometheus: boolean }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const window = parseWindow(params.get("window"));
  const report = useSloReport(window);
  const now = useNow();
  const setWindow = (w: SloWindow) => {
    const next = new URLSearchParams(params.toString());
    next.set("window", w);
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  };
  const data = report.data;
  const line = data ? sourceLine(data, now) : null;
  const refreshError = report.isError ? (report.error as Error).message : line?.problem ?? null;

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
      {report.isPending && <Spinner label="Evaluating SLOs…" />}
      {report.isError && !data && (
        <ErrorPanel title="The SLOs could not be evaluated" message={(report.error as Error).message} hint="Check the metric source below the message; the store or Prometheus may be unavailable." />
      )}
      {data && (
        <>
          <section className="panel flex flex-col gap-1 p-3 text-sm" aria-label="Metric source">
            <p>
              Source: <span data-testid="slo-source">{line?.text}</span>
            </p>
            {line?.problem && <p role="status" className="text-[var(--warn)]">{line.problem}</p>}
            {data.metricsExposedSeriesMissing && (
              <p role="status" className="font-medium text-[var(--warn)]" data-testid="series-missing-banner">
                Metrics exposed, SLO series missing: the latest scrape of /metrics succeeded but carried none of the series the SLO definitions read
                (the platform&apos;s static /metrics looks like this). Runbook §6.
              </p>
            )}
            {data.alertRules && !data.alertRules.ok && <p className="text-[var(--warn)]">Alert rules could not be read: {data.alertRules.error}</p>}
            {data.alertRules?.ok && <p className="muted">{data.alertRules.count} alerting rules read from Prometheus.</p>}
            <p className="muted text-xs">Definitions: {data.definitions.custom ? data.definitions.file : "shipped with the console"}.</p>
          </section>
          <div className="grid gap-4 xl:grid-cols-2">
            {data.slos.map((s) => (
              <SloCard
                key={s.id}
                slo={s}
                window={data.window}
                updatedAt={data.fetchedAt}
                source={line?.text ?? data.source.label}
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
