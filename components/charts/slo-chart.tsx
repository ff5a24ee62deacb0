"use client";

// recharts lives only here; the SLO card loads this file with next/dynamic, so no other page ships it.
import type { ReactElement } from "react";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatChartTime, formatInstant } from "@/components/bgops/format-time";
import type { SloPoint } from "@/lib/slo/evaluate";

export interface SloChartProps {
  points: SloPoint[];
  kind: "ratio" | "error_ratio" | "latency";
  objective: number;
  thresholdSeconds: number | null;
  /** Window length, for the time axis format. */
  windowMs: number;
  /** The console's time-zone toggle: UTC (default) or the browser's zone, 24-hour either way. */
  local: boolean;
}

const AXIS = { fontSize: 10, fill: "var(--muted)" };

/**
 * A ratio axis from 0 to 100 % at most, zoomed so the objective line sits in view: [objective − one budget,
 * 100 %] unless the data dips lower, then down to the lowest point (rounded down to 5 %).
 */
export function ratioDomain(points: readonly SloPoint[], objective: number): [number, number] {
  let lowest = objective - (1 - objective);
  for (const p of points) if (p.ratio !== undefined && p.ratio < lowest) lowest = p.ratio;
  const step = lowest > 0.9 ? 0.01 : 0.05;
  return [Math.max(0, Math.floor(lowest / step - 1e-9) * step), 1];
}

const clampRatio = (points: readonly SloPoint[]) =>
  points.map((p) => (p.ratio === undefined ? p : { ...p, ratio: Math.min(1, Math.max(0, p.ratio)) }));

function Frame({ title, children }: { title: string; children: ReactElement }) {
  return (
    <figure className="flex flex-col gap-1" aria-label={title}>
      <figcaption className="muted text-xs">{title}</figcaption>
      <div className="h-28 w-full">
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

export function SloChart({ points: raw, kind, objective, thresholdSeconds, windowMs, local }: SloChartProps) {
  const withDate = windowMs > 36 * 3_600_000;
  const fmt = (t: number) => formatChartTime(t, local, withDate);
  const latency = kind === "latency";
  const points = latency ? raw : clampRatio(raw);
  const tooltip = (
    <Tooltip
      labelFormatter={(t) => formatInstant(Number(t), local).replace(/\.\d{3}/, "")}
      contentStyle={{ background: "var(--panel)", border: "1px solid var(--border)", fontSize: 12 }}
    />
  );
  const x = <XAxis dataKey="t" type="number" domain={["dataMin", "dataMax"]} scale="time" tickFormatter={fmt} tick={AXIS} minTickGap={40} />;
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <Frame title={latency ? `p95 latency (s), threshold ${thresholdSeconds} s` : `good ratio per step, objective ${(objective * 100).toFixed(1)}%`}>
        <LineChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          {x}
          <YAxis
            tick={AXIS}
            width={44}
            domain={latency ? [0, "auto"] : ratioDomain(points, objective)}
            allowDataOverflow={!latency}
            tickFormatter={(v: number) => (latency ? String(v) : `${(v * 100).toFixed(v > 0.9 ? 1 : 0)}%`)}
          />
          {tooltip}
          <ReferenceLine y={latency ? (thresholdSeconds ?? 0) : objective} stroke="var(--warn)" strokeDasharray="4 2" />
          <Line type="monotone" dataKey={latency ? "p95" : "ratio"} name={latency ? "p95 (s)" : "good ratio"} stroke="var(--accent)" dot={false} isAnimationActive={false} connectNulls={false} />
        </LineChart>
      </Frame>
      <Frame title="burn rate over the hour ending at each point (×; lines at 14.4, 6, 1)">
        <LineChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          {x}
          <YAxis tick={AXIS} width={44} domain={[0, "auto"]} />
          {tooltip}
          <ReferenceLine y={14.4} stroke="var(--bad)" strokeDasharray="4 2" />
          <ReferenceLine y={6} stroke="var(--warn)" strokeDasharray="4 2" />
          <ReferenceLine y={1} stroke="var(--muted)" strokeDasharray="4 2" />
          <Line type="monotone" dataKey="burn1h" name="burn 1h" stroke="var(--bad)" dot={false} isAnimationActive={false} />
        </LineChart>
      </Frame>
    </div>
  );
}
