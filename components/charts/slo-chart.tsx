"use client";

// recharts lives only here; the SLO card loads this file with next/dynamic, so no other page ships it.
import type { ReactElement } from "react";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SloPoint } from "@/lib/slo/evaluate";

export interface SloChartProps {
  points: SloPoint[];
  kind: "ratio" | "error_ratio" | "latency";
  objective: number;
  thresholdSeconds: number | null;
  /** Window length, for the time axis format. */
  windowMs: number;
}

const AXIS = { fontSize: 10, fill: "var(--muted)" };

function timeLabel(windowMs: number) {
  return (t: number) => {
    const d = new Date(t);
    const hm = d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    return windowMs > 36 * 3_600_000 ? `${d.toLocaleDateString([], { month: "short", day: "numeric" })} ${hm}` : hm;
  };
}

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

export function SloChart({ points, kind, objective, thresholdSeconds, windowMs }: SloChartProps) {
  const fmt = timeLabel(windowMs);
  const latency = kind === "latency";
  const tooltip = (
    <Tooltip
      labelFormatter={(t) => new Date(Number(t)).toLocaleString()}
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
          <YAxis tick={AXIS} width={44} domain={latency ? [0, "auto"] : ["auto", 1]} tickFormatter={(v: number) => (latency ? String(v) : `${(v * 100).toFixed(1)}%`)} />
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
