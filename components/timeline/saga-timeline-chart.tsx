"use client";

import { useState } from "react";
import { formatInstant } from "@/components/bgops/format-time";
import { BarTooltip } from "@/components/timeline/bar-tooltip";
import type { BarOutcome, BarSegment, SagaBars, TimelineBar } from "@/lib/domain/saga-bars";
import { formatDuration } from "@/lib/domain/time";

const W = 1000;
const PAD = 24;
const LANE_H = 18;
const LANES = { forward: 34, compensation: 86 } as const;
const H = 136;

const SEGMENT_FILL: Record<BarSegment["outcome"], string> = {
  ok: "var(--ok)",
  failed: "var(--bad)",
  retried: "var(--warn)",
  running: "var(--accent)",
  compensated: "var(--warn)",
};
const BAR_FILL: Partial<Record<BarOutcome, string>> = { "compensation-failed": "var(--bad)", timeout: "var(--bad)", mixed: "var(--muted)" };

/** Forward steps and compensations as bars on one time axis; hover or focus shows times, durations and errors. */
export function SagaTimelineChart({ bars, local, onSelect }: { bars: SagaBars; local: boolean; onSelect: (seq: number) => void }) {
  // Hover and focus are kept apart: the pointer leaving the chart (or the page moving under a still mouse) must not
  // take away the tooltip of the bar that has keyboard focus. The latest of the two is shown; bars are found by key,
  // so a refresh that rebuilds them keeps the tooltip on the same bar.
  const [tip, setTip] = useState<{ hover: string | null; focus: string | null; last: "hover" | "focus" }>({ hover: null, focus: null, last: "hover" });
  const { startMs, endMs } = bars;
  if (startMs === null || endMs === null || bars.forward.length + bars.compensation.length === 0) {
    return <p className="muted text-sm">No timeline: the saga has no readable start or history timestamps.</p>;
  }
  const span = Math.max(endMs - startMs, 1);
  const x = (t: number) => PAD + ((t - startMs) / span) * (W - 2 * PAD);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const first = bars.firstFailure;
  const activeKey = tip.last === "focus" ? (tip.focus ?? tip.hover) : (tip.hover ?? tip.focus);
  const active = activeKey === null ? null : ([...bars.forward, ...bars.compensation].find((b) => b.key === activeKey) ?? null);

  const bar = (b: TimelineBar) => {
    const y = LANES[b.lane] - LANE_H / 2;
    const select = () => b.seq !== null && onSelect(b.seq);
    return (
      <g
        key={b.key}
        role="button"
        tabIndex={0}
        aria-label={b.label}
        data-testid="timeline-bar"
        data-lane={b.lane}
        data-outcome={b.outcome}
        data-segments={b.segments.length}
        className="cursor-pointer outline-none [&:focus-visible>rect.hit]:stroke-[var(--accent)]"
        onMouseEnter={() => setTip((t) => ({ ...t, hover: b.key, last: "hover" }))}
        onMouseLeave={() => setTip((t) => (t.hover === b.key ? { ...t, hover: null } : t))}
        onFocus={() => setTip((t) => ({ ...t, focus: b.key, last: "focus" }))}
        onBlur={() => setTip((t) => (t.focus === b.key ? { ...t, focus: null } : t))}
        onClick={select}
        onKeyDown={(ev) => {
          if (ev.key === "Enter" || ev.key === " ") {
            ev.preventDefault();
            select();
          }
          if (ev.key === "Escape") setTip({ hover: null, focus: null, last: "hover" });
        }}
      >
        <rect className="hit" x={x(b.startMs) - 1} y={y - 2} width={Math.max(x(b.endMs) - x(b.startMs), 3) + 2} height={LANE_H + 4} fill="transparent" stroke="transparent" strokeWidth={2} />
        {b.segments.map((s, i) => (
          <rect
            key={i}
            data-testid="timeline-segment"
            x={x(s.startMs)}
            y={y}
            width={Math.max(x(s.endMs) - x(s.startMs), 2)}
            height={LANE_H}
            rx={2}
            fill={BAR_FILL[b.outcome] ?? SEGMENT_FILL[s.outcome]}
            stroke={b.isFirstFailure ? "var(--fg)" : "var(--bg)"}
            strokeWidth={b.isFirstFailure ? 1.5 : 0.5}
          />
        ))}
      </g>
    );
  };

  return (
    <figure className="relative flex flex-col gap-1" onMouseLeave={() => setTip((t) => ({ ...t, hover: null }))}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="w-full"
        role="group"
        aria-label={`Saga timeline: ${bars.forward.length} forward and ${bars.compensation.length} compensation bars${bars.aggregatedBy > 1 ? `, about ${bars.aggregatedBy} steps per bar` : ""}`}
        data-testid="saga-timeline"
      >
        <text x={4} y={LANES.forward - LANE_H / 2 - 4} fontSize="11" fill="var(--muted)">Forward steps</text>
        <text x={4} y={LANES.compensation - LANE_H / 2 - 4} fontSize="11" fill="var(--muted)">Compensations</text>
        {Object.values(LANES).map((y) => (
          <line key={y} x1={PAD} x2={W - PAD} y1={y} y2={y} stroke="var(--border)" />
        ))}
        {ticks.map((t) => (
          <g key={t} aria-hidden="true">
            <line x1={PAD + t * (W - 2 * PAD)} x2={PAD + t * (W - 2 * PAD)} y1={LANES.compensation + LANE_H / 2 + 4} y2={LANES.compensation + LANE_H / 2 + 10} stroke="var(--muted)" />
            <text x={PAD + t * (W - 2 * PAD)} y={H - 8} fontSize="10" fill="var(--muted)" textAnchor={t === 0 ? "start" : t === 1 ? "end" : "middle"}>
              +{formatDuration(t * span)}
            </text>
          </g>
        ))}
        {bars.forward.map(bar)}
        {bars.compensation.map(bar)}
        {first && (
          <g role="button" tabIndex={0} aria-label={`First failure: ${first.label}`} data-testid="first-failure-marker" className="cursor-pointer" onClick={() => onSelect(first.seq)} onKeyDown={(ev) => ev.key === "Enter" && onSelect(first.seq)}>
            <line x1={x(first.atMs)} x2={x(first.atMs)} y1={12} y2={LANES.compensation + LANE_H / 2} stroke="var(--bad)" strokeDasharray="3 3" />
            <text x={Math.min(x(first.atMs) + 4, W - 80)} y={10} fontSize="11" fill="var(--bad)">first failure</text>
            <title>{`First failure: ${first.label}`}</title>
          </g>
        )}
      </svg>
      {active && <BarTooltip bar={active} local={local} left={(x(active.startMs) + x(active.endMs)) / 2 / W} below={active.lane === "forward"} />}
      <figcaption className="muted flex flex-wrap justify-between gap-2 text-xs">
        <span>start {formatInstant(startMs, local)}</span>
        {bars.aggregatedBy > 1 && <span>about {bars.aggregatedBy} steps per bar; failures keep a bar of their own</span>}
        <span>end {formatInstant(endMs, local)}</span>
      </figcaption>
    </figure>
  );
}
