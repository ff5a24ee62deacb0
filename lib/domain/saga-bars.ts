import type { UpstreamSaga } from "@/lib/upstream/schemas/bgops";
import type { SagaTimeline, TimelineEvent } from "@/lib/domain/saga-timeline";
import { attemptSpans } from "@/lib/domain/saga-attempts";
import { formatDuration, parseIsoMs } from "@/lib/domain/time";

export type BarOutcome = "completed" | "failed" | "running" | "timeout" | "compensated" | "compensation-failed" | "mixed";

export interface BarSegment {
  startMs: number;
  endMs: number;
  /** 1-based attempt number; null for a bar with one segment. */
  attempt: number | null;
  outcome: "ok" | "failed" | "retried" | "running" | "compensated";
}

export interface TimelineBar {
  key: string;
  lane: "forward" | "compensation";
  /** "Step 3 'Deploy container'", "Compensation of Step 2 'Create DNS record'", "Steps 1–40". */
  name: string;
  /** Accessible name: what happened, attempts and duration. */
  label: string;
  startMs: number;
  endMs: number;
  outcome: BarOutcome;
  segments: BarSegment[];
  attempts: number | null;
  /** Attempt boundaries are estimated from the platform's backoff (history records only the last attempt). */
  estimated: boolean;
  error: string | null;
  isFirstFailure: boolean;
  /** History entry to jump to (its position in the sorted history). */
  seq: number | null;
  /** Steps (or compensations) this bar stands for: > 1 when a huge saga is aggregated. */
  count: number;
}

export interface SagaBars {
  startMs: number | null;
  endMs: number | null;
  forward: TimelineBar[];
  compensation: TimelineBar[];
  /** Steps per aggregated bar (1 = every step drawn). */
  aggregatedBy: number;
  firstFailure: { atMs: number; label: string; seq: number } | null;
}

/** More bars than this per lane are merged (failures never are): a 1,000-unit axis cannot show 5,000 steps. */
export const MAX_BARS_PER_LANE = 120;

const FAILS: ReadonlySet<BarOutcome> = new Set(["failed", "timeout", "compensation-failed"]);

function stepBar(saga: UpstreamSaga, i: number, byStep: Map<string, TimelineEvent>, endOfRun: number | null): TimelineBar | null {
  const step = saga.steps[i]!;
  const id = step.step_id ?? `step_${i}`;
  const start = parseIsoMs(step.started_at);
  if (start === null) return null;
  const entry = byStep.get(id);
  const name = `Step ${i + 1} '${step.name ?? id}'`;
  let outcome: BarOutcome;
  let end = parseIsoMs(step.completed_at);
  if (entry?.kind === "forward-failed") {
    outcome = "failed";
    end = entry.atMs ?? end;
  } else if (end !== null || entry?.kind === "forward-completed") {
    outcome = "completed";
    end ??= entry?.atMs ?? null;
  } else {
    outcome = "running";
    end = endOfRun;
  }
  if (end === null || end < start) end = start;
  const retries = entry?.retryCount ?? step.retry_count ?? 0;
  const { segments, estimated } = attemptSpans(start, end, outcome === "running" ? 0 : retries, outcome);
  const attempts = retries + 1;
  const tries = attempts > 1 ? ` on attempt ${attempts}${step.max_retries !== null ? ` of ${step.max_retries + 1}` : ""}` : "";
  const took = formatDuration(end - start);
  const error = outcome === "failed" ? (entry?.error ?? step.error) : attempts > 1 ? step.error : null;
  const what =
    outcome === "failed"
      ? `failed after ${attempts} attempt${attempts === 1 ? "" : "s"}, ${took}${error ? `: ${error}` : ""}`
      : outcome === "running"
        ? `running for ${took}`
        : `completed${tries}, ${took}${attempts > 1 && error ? ` (earlier attempts: ${error})` : ""}`;
  return {
    key: `f-${i}`,
    lane: "forward",
    name,
    label: `${name} ${what}`,
    startMs: start,
    endMs: end,
    outcome,
    segments,
    attempts,
    estimated,
    error,
    isFirstFailure: entry?.isFirstFailure ?? false,
    seq: entry?.seq ?? null,
    count: 1,
  };
}

/** A history entry as a bar from the entry before it: the executor runs one thing at a time. */
function eventBar(e: TimelineEvent, prevMs: number | null): TimelineBar | null {
  if (e.atMs === null) return null;
  const start = Math.min(prevMs ?? e.atMs, e.atMs);
  const outcome: BarOutcome =
    e.kind === "compensated" ? "compensated" : e.kind === "compensation-failed" ? "compensation-failed" : e.kind === "timeout" ? "timeout" : e.kind === "forward-failed" ? "failed" : "completed";
  const name = e.lane === "compensation" ? `Compensation of ${e.stepIndex === null ? `'${e.stepName}'` : `Step ${e.stepIndex + 1} '${e.stepName}'`}` : e.kind === "timeout" ? "Saga timeout" : `'${e.stepName}'`;
  return {
    key: `e-${e.seq}`,
    lane: e.lane,
    name,
    label: `${e.label}, ${formatDuration(e.atMs - start)}`,
    startMs: start,
    endMs: e.atMs,
    outcome,
    segments: [{ startMs: start, endMs: e.atMs, attempt: null, outcome: outcome === "compensated" || outcome === "completed" ? (e.lane === "compensation" ? "compensated" : "ok") : "failed" }],
    attempts: null,
    estimated: false,
    error: e.error,
    isFirstFailure: e.isFirstFailure,
    seq: e.seq,
    count: 1,
  };
}

/** Consecutive non-failure bars merged into one per `size`; failures stay their own bar, so they stay visible. */
export function aggregateBars(bars: TimelineBar[], size: number): TimelineBar[] {
  if (size <= 1) return bars;
  const out: TimelineBar[] = [];
  let run: TimelineBar[] = [];
  const flush = () => {
    if (run.length === 1) out.push(run[0]!);
    else if (run.length > 1) out.push(merge(run));
    run = [];
  };
  for (const b of bars) {
    if (FAILS.has(b.outcome)) {
      flush();
      out.push(b);
      continue;
    }
    run.push(b);
    if (run.length >= size) flush();
  }
  flush();
  return out;
}

function merge(run: TimelineBar[]): TimelineBar {
  const first = run[0]!;
  const last = run[run.length - 1]!;
  const counts = new Map<BarOutcome, number>();
  for (const b of run) counts.set(b.outcome, (counts.get(b.outcome) ?? 0) + 1);
  const startMs = run.reduce((m, b) => Math.min(m, b.startMs), Infinity);
  const endMs = run.reduce((m, b) => Math.max(m, b.endMs), -Infinity);
  const outcome = counts.size === 1 ? first.outcome : "mixed";
  const retried = run.filter((b) => (b.attempts ?? 1) > 1).length;
  const name = `${first.name.replace(/ '.*$/, "")} to ${last.name.replace(/ '.*$/, "").replace(/^Compensation of /, "")}`;
  const summary = [...counts].map(([o, n]) => `${n} ${o}`).join(", ");
  return {
    key: `${first.key}..${last.key}`,
    lane: first.lane,
    name,
    label: `${name}: ${run.length} ${first.lane === "compensation" ? "compensations" : "steps"}, ${summary}${retried ? `, ${retried} retried` : ""}, ${formatDuration(endMs - startMs)}`,
    startMs,
    endMs,
    outcome,
    segments: [{ startMs, endMs, attempt: null, outcome: first.lane === "compensation" ? "compensated" : outcome === "running" ? "running" : "ok" }],
    attempts: null,
    estimated: false,
    error: null,
    isFirstFailure: false,
    seq: first.seq,
    count: run.length,
  };
}

/**
 * The timeline as bars: each step from `started_at` to `completed_at` (or to its failure, or to now while it
 * runs), one segment per attempt; compensations and the timeout as bars in their lanes; huge sagas aggregated.
 */
export function toSagaBars(saga: UpstreamSaga | null, timeline: SagaTimeline, opts: { now?: number } = {}): SagaBars {
  const byStep = new Map<string, TimelineEvent>();
  for (const e of timeline.forward) if (e.stepId !== null && e.kind !== "timeout") byStep.set(e.stepId, e);
  const timeout = timeline.events.find((e) => e.kind === "timeout");
  const endOfRun = timeout?.atMs ?? (timeline.endMs ?? opts.now ?? null);
  const forward: TimelineBar[] = [];
  if (saga) {
    for (let i = 0; i < saga.steps.length; i++) {
      const b = stepBar(saga, i, byStep, endOfRun);
      if (b) forward.push(b);
    }
  }
  // Without a saga record (or for entries whose step it does not list), history alone places the bars.
  const known = new Set(saga?.steps.map((s, i) => s.step_id ?? `step_${i}`) ?? []);
  const compensation: TimelineBar[] = [];
  let prev: number | null = null;
  for (const e of timeline.events) {
    const orphan = e.lane === "forward" && e.kind !== "timeout" && (e.stepId === null || !known.has(e.stepId));
    if (e.lane === "compensation" || e.kind === "timeout" || orphan) {
      const b = eventBar(e, e.kind === "timeout" ? (forward.at(-1)?.startMs ?? prev) : prev);
      if (b) (b.lane === "compensation" ? compensation : forward).push(b);
    }
    if (e.atMs !== null) prev = e.atMs;
  }
  forward.sort((a, b) => a.startMs - b.startMs);
  const size = Math.ceil(Math.max(forward.length, compensation.length) / MAX_BARS_PER_LANE);
  const first = timeline.firstFailureSeq === null ? undefined : timeline.events[timeline.firstFailureSeq];
  return {
    startMs: timeline.startMs,
    endMs: timeline.endMs,
    forward: aggregateBars(forward, size),
    compensation: aggregateBars(compensation, size),
    aggregatedBy: Math.max(1, size),
    firstFailure: first && first.atMs !== null ? { atMs: first.atMs, label: first.label, seq: first.seq } : null,
  };
}
