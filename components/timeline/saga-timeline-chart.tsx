"use client";

import { useMemo } from "react";
import { formatInstant } from "@/components/bgops/format-time";
import type { SagaTimeline, TimelineEvent } from "@/lib/domain/saga-timeline";
import { formatDuration } from "@/lib/domain/time";

const W = 1000;
const PAD = 24;
const LANES = { forward: 38, compensation: 92 } as const;
const H = 140;
// One node per few units of width at most, so 10,000 events draw as a few hundred nodes.
const BUCKET = 4;

const COLOR: Record<TimelineEvent["kind"], string> = {
  "forward-completed": "var(--ok)",
  "forward-failed": "var(--bad)",
  compensated: "var(--warn)",
  "compensation-failed": "var(--bad)",
  timeout: "var(--bad)",
  other: "var(--muted)",
};
const SEVERITY: Record<TimelineEvent["kind"], number> = { timeout: 5, "forward-failed": 5, "compensation-failed": 4, other: 2, compensated: 1, "forward-completed": 0 };

interface Node {
  x: number;
  events: TimelineEvent[];
  worst: TimelineEvent;
  label: string;
}

function nodesOf(events: TimelineEvent[], xOf: (e: TimelineEvent) => number): Node[] {
  const buckets = new Map<number, TimelineEvent[]>();
  for (const e of events) {
    const b = Math.round(xOf(e) / BUCKET);
    const list = buckets.get(b);
    if (list) list.push(e);
    else buckets.set(b, [e]);
  }
  return [...buckets].map(([b, list]) => {
    const worst = list.reduce((a, e) => (SEVERITY[e.kind] > SEVERITY[a.kind] ? e : a));
    const counts = new Map<string, number>();
    for (const e of list) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
    const label = list.length === 1 ? worst.label : `${list.length} events (${[...counts].map(([k, n]) => `${n} ${k}`).join(", ")}), e.g. ${worst.label}`;
    return { x: b * BUCKET, events: list, worst, label };
  });
}

/** Forward steps and compensations in two lanes on one time axis, the first failure marked. */
export function SagaTimelineChart({ timeline, local, onSelect }: { timeline: SagaTimeline; local: boolean; onSelect: (seq: number) => void }) {
  const { startMs, endMs } = timeline;
  const span = startMs !== null && endMs !== null ? Math.max(endMs - startMs, 1) : 1;
  const xOf = (e: TimelineEvent) => PAD + ((e.offsetMs ?? 0) / span) * (W - 2 * PAD);
  const timed = useMemo(() => timeline.events.filter((e) => e.offsetMs !== null), [timeline]);
  const forward = useMemo(() => nodesOf(timed.filter((e) => e.lane === "forward"), xOf), [timed, span]); // eslint-disable-line react-hooks/exhaustive-deps
  const compensation = useMemo(() => nodesOf(timed.filter((e) => e.lane === "compensation"), xOf), [timed, span]); // eslint-disable-line react-hooks/exhaustive-deps
  const first = timeline.firstFailureSeq === null ? undefined : timeline.events[timeline.firstFailureSeq];
  const untimed = timeline.events.length - timed.length;
  if (startMs === null || timeline.events.length === 0) return <p className="muted text-sm">No timeline: the history has no readable timestamps.</p>;

  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const node = (n: Node, lane: number) => (
    <circle
      key={`${lane}-${n.x}`}
      cx={n.x}
      cy={lane}
      r={n.events.length > 1 ? 6 : 5}
      fill={COLOR[n.worst.kind]}
      stroke="var(--bg)"
      role="button"
      tabIndex={0}
      aria-label={n.label}
      className="cursor-pointer focus:outline-none focus-visible:stroke-[var(--accent)]"
      onClick={() => onSelect(n.worst.seq)}
      onKeyDown={(ev) => (ev.key === "Enter" || ev.key === " ") && (ev.preventDefault(), onSelect(n.worst.seq))}
    >
      <title>{n.label}</title>
    </circle>
  );
  return (
    <figure className="flex flex-col gap-1">
      <svg viewBox={`0 0 ${W} ${H}`} className="w-full" role="group" aria-label={`Saga timeline: ${forward.length} forward and ${compensation.length} compensation nodes`} data-testid="saga-timeline">
        <text x={4} y={LANES.forward - 12} fontSize="11" fill="var(--muted)">Forward steps</text>
        <text x={4} y={LANES.compensation - 12} fontSize="11" fill="var(--muted)">Compensations</text>
        {Object.values(LANES).map((y) => (
          <line key={y} x1={PAD} x2={W - PAD} y1={y} y2={y} stroke="var(--border)" />
        ))}
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD + t * (W - 2 * PAD)} x2={PAD + t * (W - 2 * PAD)} y1={LANES.compensation + 10} y2={LANES.compensation + 16} stroke="var(--muted)" />
            <text x={PAD + t * (W - 2 * PAD)} y={H - 14} fontSize="10" fill="var(--muted)" textAnchor={t === 0 ? "start" : t === 1 ? "end" : "middle"}>
              +{formatDuration(t * span)}
            </text>
          </g>
        ))}
        {forward.map((n) => node(n, LANES.forward))}
        {compensation.map((n) => node(n, LANES.compensation))}
        {first && first.offsetMs !== null && (
          <g role="button" tabIndex={0} aria-label={`First failure: ${first.label}`} className="cursor-pointer" onClick={() => onSelect(first.seq)} onKeyDown={(ev) => ev.key === "Enter" && onSelect(first.seq)}>
            <line x1={xOf(first)} x2={xOf(first)} y1={10} y2={LANES.compensation + 10} stroke="var(--bad)" strokeDasharray="3 3" />
            <rect x={xOf(first) - 7} y={LANES[first.lane] - 7} width={14} height={14} transform={`rotate(45 ${xOf(first)} ${LANES[first.lane]})`} fill="var(--bad)" stroke="var(--fg)" />
            <text x={Math.min(xOf(first) + 6, W - 90)} y={12} fontSize="11" fill="var(--bad)">first failure</text>
            <title>{`First failure: ${first.label}`}</title>
          </g>
        )}
      </svg>
      <figcaption className="muted flex flex-wrap justify-between gap-2 text-xs">
        <span>start {formatInstant(startMs, local)}</span>
        {untimed > 0 && <span>{untimed} entries without a readable timestamp are only in the list</span>}
        <span>end {formatInstant(endMs, local)}</span>
      </figcaption>
    </figure>
  );
}
