import type { StepStatus, UpstreamHistoryEntry, UpstreamSaga } from "@/lib/upstream/schemas/bgops";
import { enumLabel, type LenientEnum } from "@/lib/upstream/schemas/lenient-enum";
import { forwardFailureIndex } from "@/lib/domain/saga-steps";
import { sortWithTimes } from "@/lib/domain/sort-history";
import { parseIsoMs } from "@/lib/domain/time";

export type TimelineKind =
  | "forward-completed"
  | "forward-failed"
  | "compensated"
  | "compensation-failed"
  | "timeout"
  | "other";

export interface TimelineEvent {
  /** Position in the sorted history. */
  seq: number;
  at: string | null;
  atMs: number | null;
  /** Milliseconds from the timeline's start; null when the entry has no readable timestamp. */
  offsetMs: number | null;
  stepId: string | null;
  stepName: string;
  /** 0-based index in saga.steps, when the step is known. */
  stepIndex: number | null;
  status: LenientEnum<StepStatus>;
  statusLabel: string;
  kind: TimelineKind;
  lane: "forward" | "compensation";
  error: string | null;
  retryCount: number | null;
  isFirstFailure: boolean;
  /** Accessible name of the timeline node. */
  label: string;
}

export interface SagaTimeline {
  startMs: number | null;
  endMs: number | null;
  events: TimelineEvent[];
  forward: TimelineEvent[];
  compensation: TimelineEvent[];
  /** seq of the first failure (forward failure or timeout), for "jump to first failure". */
  firstFailureSeq: number | null;
}

const isTimeoutEntry = (e: UpstreamHistoryEntry) => e.step_id === "timeout" || (e.step_name === "saga" && e.error === "Saga timed out");

function labelOf(kind: TimelineKind, name: string, index: number | null, e: UpstreamHistoryEntry): string {
  const step = index === null ? `'${name}'` : `Step ${index + 1} '${name}'`;
  const attempts = e.retry_count === null ? "" : ` after ${e.retry_count + 1} attempt${e.retry_count === 0 ? "" : "s"}`;
  const err = e.error ? `: ${e.error}` : "";
  switch (kind) {
    case "forward-completed": return `${step} completed${attempts}`;
    case "forward-failed": return `${step} failed${attempts}${err}`;
    case "compensated": return `${step} compensated`;
    case "compensation-failed": return `Compensation of ${step} failed${err}`;
    case "timeout": return `Saga timed out${err && e.error !== "Saga timed out" ? err : ""}`;
    default: return `${step}: ${enumLabel(e.status)}${err}`;
  }
}

/**
 * Classifies each history entry. History has no event type — `status` is the event (CONTRACT §2.3) —
 * so a `failed` entry after the first forward failure, for a step that had completed (or sits before
 * the failed step), is a compensation that raised, not a second forward failure.
 */
export function toSagaTimeline(
  saga: UpstreamSaga | null,
  history: readonly UpstreamHistoryEntry[],
  opts: { now?: number } = {},
): SagaTimeline {
  const indexById = new Map<string, number>();
  saga?.steps.forEach((s, i) => indexById.set(s.step_id ?? `step_${i}`, i));
  const failedAt = saga ? forwardFailureIndex(saga) : null;
  const completed = new Set<string>();
  let firstFailureSeq: number | null = null;

  const sorted = sortWithTimes(history);
  const raw = sorted.map(({ entry: e, at }, seq) => {
    const stepId = e.step_id;
    const stepIndex = stepId === null ? null : (indexById.get(stepId) ?? null);
    let kind: TimelineKind = "other";
    if (e.status.value === "completed") kind = "forward-completed";
    else if (e.status.value === "compensated") kind = "compensated";
    else if (e.status.value === "failed") {
      if (isTimeoutEntry(e)) kind = "timeout";
      else if (
        firstFailureSeq !== null &&
        ((stepId !== null && completed.has(stepId)) || (stepIndex !== null && failedAt !== null && stepIndex < failedAt))
      )
        kind = "compensation-failed";
      else kind = "forward-failed";
    }
    if (kind === "forward-completed" && stepId !== null) completed.add(stepId);
    const isFirstFailure = firstFailureSeq === null && (kind === "forward-failed" || kind === "timeout");
    if (isFirstFailure) firstFailureSeq = seq;
    const stepName = e.step_name ?? stepId ?? "unnamed step";
    return { seq, e, atMs: at === null ? null : at / 1000, stepId, stepIndex, kind, isFirstFailure, stepName };
  });

  const times = raw.map((r) => r.atMs).filter((t): t is number => t !== null);
  const created = parseIsoMs(saga?.created_at);
  // reduce, not Math.min(...times): a 10,000-entry history would be 10,000 call arguments.
  const startMs = created ?? (times.length ? times.reduce((a, b) => Math.min(a, b)) : null);
  const terminal = saga ? ["completed", "compensated", "failed"].includes(saga.status.value) : true;
  const lastMs = times.length ? times.reduce((a, b) => Math.max(a, b)) : startMs;
  const endMs = !terminal && opts.now !== undefined ? Math.max(opts.now, lastMs ?? opts.now) : lastMs;

  const events: TimelineEvent[] = raw.map(({ seq, e, atMs, stepId, stepIndex, kind, isFirstFailure, stepName }) => {
    return {
      seq,
      at: e.timestamp,
      atMs,
      offsetMs: atMs !== null && startMs !== null ? atMs - startMs : null,
      stepId,
      stepName,
      stepIndex,
      status: e.status,
      statusLabel: enumLabel(e.status),
      kind,
      lane: kind === "compensated" || kind === "compensation-failed" ? "compensation" : "forward",
      error: e.error,
      retryCount: e.retry_count,
      isFirstFailure,
      label: labelOf(kind, stepName, stepIndex, e),
    };
  });
  return {
    startMs,
    endMs,
    events,
    forward: events.filter((ev) => ev.lane === "forward"),
    compensation: events.filter((ev) => ev.lane === "compensation"),
    firstFailureSeq,
  };
}
