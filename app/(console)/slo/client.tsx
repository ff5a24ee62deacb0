"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { memo, useEffect } from "react";
import { TimeZoneToggle } from "@/components/bgops/time-zone-toggle";
import { dataAge } from "@/components/slo/data-age";
import { layoutSloCards } from "@/components/slo/group";
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

function SloCards({ data, local, fetching, refreshError, prometheus }: { data: SloReportJson; local: boolean; fetching: boolean; refreshError: string | null; prometheus: boolean }) {
  const layout = layoutSloCards(data.slos);
  // Judged against a coarse clock, not only the report's time: when the console itself stops answering (its own
  // API or store down), the last report's data still ages into "stale". The cards get primitives, so this tick only
  // re-renders them when a verdict actually turns stale.
  const now = useNow(5_000);
  const age = dataAge(data, Math.max(now, data.fetchedAt));
  return (
    <>
      {layout.groups.map((g) => (
        <section key={g.name} className="flex flex-col gap-2" aria-label={g.name} data-testid="slo-group">
          <h2 className="font-semibold">
            {g.name}
            {g.cards.length > 1 && (
              <span className="muted ml-2 text-xs font-normal">
                schemes {g.cards.map((c) => c.scheme).join(" and ")}: the same indicator from {g.cards.length} metric namings; their objectives and
                series differ, so their numbers may too
              </span>
            )}
          </h2>
          <div className="grid gap-4 xl:grid-cols-2">
            {g.cards.map((s) => (
              <MemoSloCard
                key={s.id}
                slo={s}
                window={data.window}
                local={local}
                updatedAt={data.fetchedAt}
                source={data.source.label}
                fetching={fetching}
                refreshError={refreshError}
                prometheus={prometheus}
                refetchMs={SLO_REFETCH_MS * 2}
                dataFrom={age?.dataFrom ?? null}
                stale={age?.stale ?? false}
              />
            ))}
          </div>
        </section>
      ))}
      {layout.hidden.map((h) => (
        <details key={h.scheme} className="panel p-3 text-sm" data-testid={`hidden-scheme-${h.scheme}`}>
          <summary className="cursor-pointer">
            Scheme {h.scheme} ({h.cards.length} SLOs) hidden: the platform&apos;s /metrics carries none of its series, while scheme
            {layout.shownSchemes.length > 1 ? "s " : " "}
            {layout.shownSchemes.join(", ")} {layout.shownSchemes.length > 1 ? "are" : "is"} exposed.
          </summary>
          <p className="muted mt-2 text-xs">
            Not found in any scrape of the period: <code>{h.metricNames.join(", ")}</code>. SLOs: {h.cards.map((c) => c.name).join(", ")}.
          </p>
        </details>
      ))}
    </>
  );
}

export function SloClient({ prometheus }: { prometheus: boolean }) {
  const params = useSearchParams();
  const pathname = usePathname();
  const window = parseWindow(params.get("window"));
  const local = params.get("tz") === "local";
  const report = useSloReport(window);
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(key, value);
    else next.delete(key);
    // The URL only, no server round trip: the browser's query fetches the new window while the old cards stay.
    globalThis.history.replaceState(null, "", `${pathname}?${next.toString()}`);
  };
  // Fetch the chart code while the report is evaluated, so charts draw as soon as their data arrives.
  useEffect(() => {
    void import("@/components/charts/slo-chart");
  }, []);
  const data = report.data;
  // Judged at the report's own time, so it changes with the data, not with the clock.
  const line = data ? sourceLine(data, data.fetchedAt) : null;
  const refreshError = report.isError ? (report.error as Error).message : (line?.problem ?? null);
  // A window switch keeps the previous window's cards (dimmed) until the new ones arrive.
  const switching = report.isPlaceholderData && data !== undefined && data.window !== window;

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
        <TimeZoneToggle local={local} onChange={(l) => setParam("tz", l ? "local" : null)} />
        <WindowSelector value={window} onChange={(w) => setParam("window", w)} />
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
          {switching && (
            <p className="sticky top-0 z-10" data-testid="slo-switching">
              <Spinner label={`Evaluating the ${window} window; the cards below still show the ${data.window} window…`} />
            </p>
          )}
          <div className={`flex flex-col gap-6 transition-opacity ${switching ? "pointer-events-none opacity-40" : ""}`} aria-busy={switching} data-testid="slo-cards">
            <SloCards data={data} local={local} fetching={report.isFetching} refreshError={refreshError} prometheus={prometheus} />
          </div>
        </>
      )}
    </div>
  );
}
