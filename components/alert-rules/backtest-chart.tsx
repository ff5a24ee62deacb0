"use client";

// recharts, loaded with next/dynamic by the alert-rules page only. The SLI and the rule are sampled on different
// grids (the SLO's 15 s steps, the query's own step), so every line connects across the other's points.
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Backtest } from "@/lib/alert-rules/backtest";
import { utcTime } from "./types";

const AXIS = { fontSize: 10, fill: "var(--muted)" };

/** The rule's indicator and the console's SLI on one chart, with the rule's threshold and the SLO's breach. */
export function BacktestChart({ bt, latency }: { bt: Backtest; latency: boolean }) {
  const short = bt.to - bt.from <= 2 * 3_600_000;
  const hm = (t: number) => utcTime(t).slice(0, short ? 8 : 5);
  return (
    <figure className="flex flex-col gap-1" aria-label="Rule expression and SLO over the window">
      <figcaption className="muted text-xs">
        Left axis: the rule&apos;s expression{bt.comparison ? ` (threshold ${bt.comparison.op} ${bt.comparison.threshold})` : ""}
        {bt.points.some((p) => p.fixed !== undefined) ? " and the corrected rule's" : ""}. Right axis: the console&apos;s SLI over 5 min (objective {bt.objective}).
        Shaded: the SLO breach.
      </figcaption>
      <div className="h-44 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={bt.points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" domain={["dataMin", "dataMax"]} scale="time" tickFormatter={hm} tick={AXIS} minTickGap={40} />
            <YAxis yAxisId="rule" tick={AXIS} width={44} domain={latency ? [0, "auto"] : ["auto", "auto"]} />
            <YAxis yAxisId="sli" orientation="right" tick={AXIS} width={44} domain={["auto", 1]} tickFormatter={(v: number) => `${(v * 100).toFixed(0)}%`} />
            <Tooltip labelFormatter={(t) => utcTime(Number(t))} contentStyle={{ background: "var(--panel)", border: "1px solid var(--border)", fontSize: 12 }} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            {bt.breach && <ReferenceArea yAxisId="sli" x1={bt.breach.from} x2={bt.breach.to} fill="var(--bad)" fillOpacity={0.12} />}
            {bt.comparison && <ReferenceLine yAxisId="rule" y={bt.comparison.threshold} stroke="var(--warn)" strokeDasharray="4 2" />}
            <ReferenceLine yAxisId="sli" y={bt.objective} stroke="var(--muted)" strokeDasharray="2 2" />
            <Line yAxisId="rule" type="stepAfter" dataKey="rule" name="rule as written" stroke="var(--bad)" dot={false} connectNulls isAnimationActive={false} />
            <Line yAxisId="rule" type="stepAfter" dataKey="fixed" name="corrected rule" stroke="var(--ok)" dot={false} connectNulls isAnimationActive={false} />
            <Line yAxisId="sli" type="monotone" dataKey="sli" name="console SLI" stroke="var(--accent)" dot={false} connectNulls isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
