"use client";

import dynamic from "next/dynamic";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { SloCard, SloSeriesJson, SloWindow } from "@/components/slo/types";
import { KnownFailure } from "@/components/status/retry-line";
import { Spinner } from "@/components/ui/spinner";
import { fetchJson } from "@/lib/query/fetch-json";
import { pollEvery } from "@/lib/query/poll";
import { usePollFailure } from "@/lib/query/use-failure";

// recharts is ~100 kB gzip: loaded on demand, in the browser only, and only by the SLO page.
const SloChart = dynamic(() => import("@/components/charts/slo-chart").then((m) => m.SloChart), {
  ssr: false,
  loading: () => <Spinner label="Loading chart…" />,
});

export function SloChartPanel({ slo, window, local, refetchMs }: { slo: SloCard; window: SloWindow; local: boolean; refetchMs: number }) {
  const queryKey = ["slo-series", slo.id, window];
  const series = useQuery({
    queryKey,
    queryFn: () => fetchJson<SloSeriesJson>(`/api/slo/${encodeURIComponent(slo.id)}/series?window=${window}`),
    refetchInterval: pollEvery(refetchMs),
    // The previous window's chart stays (dimmed) until the new window's series arrive.
    placeholderData: keepPreviousData,
  });
  const { failure, everyMs } = usePollFailure(series, queryKey, refetchMs);
  if (!series.data && failure) {
    return (
      <KnownFailure failure={failure} everyMs={everyMs} fetching={series.isFetching}>
        <p className="text-xs text-[var(--bad)]">Chart unavailable: {(failure.error as Error).message}</p>
      </KnownFailure>
    );
  }
  if (!series.data) return <Spinner label="Loading history…" />;
  const { points, stepMs } = series.data;
  if (points.length === 0) return <p className="muted text-xs">No history in this window yet.</p>;
  return (
    <div
      data-testid={`chart-${slo.id}`}
      data-points={points.length}
      data-window={series.data.window}
      aria-busy={series.isPlaceholderData}
      className={series.isPlaceholderData ? "opacity-40" : ""}
    >
      <SloChart points={points} kind={slo.kind} objective={slo.evaluation.objective} thresholdSeconds={slo.thresholdSeconds} windowMs={series.data.to - series.data.from} local={local} />
      <p className="muted mt-1 text-xs">
        {points.length} points{stepMs ? `, one per ${Math.round(stepMs / 1000)} s` : ""} (downsampled on the server to at most 800)
      </p>
    </div>
  );
}
