"use client";

import dynamic from "next/dynamic";
import { useQuery } from "@tanstack/react-query";
import type { SloCard, SloSeriesJson, SloWindow } from "@/components/slo/types";
import { Spinner } from "@/components/ui/spinner";
import { fetchJson } from "@/lib/query/fetch-json";

// recharts is ~100 kB gzip: loaded on demand, in the browser only, and only by the SLO page.
const SloChart = dynamic(() => import("@/components/charts/slo-chart").then((m) => m.SloChart), {
  ssr: false,
  loading: () => <Spinner label="Loading chart…" />,
});

export function SloChartPanel({ slo, window, refetchMs }: { slo: SloCard; window: SloWindow; refetchMs: number }) {
  const series = useQuery({
    queryKey: ["slo-series", slo.id, window],
    queryFn: () => fetchJson<SloSeriesJson>(`/api/slo/${encodeURIComponent(slo.id)}/series?window=${window}`),
    refetchInterval: refetchMs,
  });
  if (series.isPending) return <Spinner label="Loading history…" />;
  if (series.isError && !series.data) return <p className="text-xs text-[var(--bad)]">Chart unavailable: {(series.error as Error).message}</p>;
  const { points, stepMs } = series.data;
  if (points.length === 0) return <p className="muted text-xs">No history in this window yet.</p>;
  return (
    <div data-testid={`chart-${slo.id}`} data-points={points.length}>
      <SloChart points={points} kind={slo.kind} objective={slo.evaluation.objective} thresholdSeconds={slo.thresholdSeconds} windowMs={series.data.to - series.data.from} />
      <p className="muted mt-1 text-xs">
        {points.length} points{stepMs ? `, one per ${Math.round(stepMs / 1000)} s` : ""} (downsampled on the server to at most 800)
      </p>
    </div>
  );
}
