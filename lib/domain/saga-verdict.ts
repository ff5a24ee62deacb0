import type { UpstreamHistoryEntry, UpstreamSaga } from "@/lib/upstream/schemas/bgops";
import { enumLabel } from "@/lib/upstream/schemas/lenient-enum";
import { forwardFailureIndex, toSagaSteps, type SagaStepView } from "@/lib/domain/saga-steps";
import { toSagaTimeline, type SagaTimeline } from "@/lib/domain/saga-timeline";
import type { Tone } from "@/lib/domain/saga-view";
import { formatDuration, formatUtc, parseIsoMs } from "@/lib/domain/time";

export interface SagaVerdict {
  text: string;
  tone: Tone;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const stepRef = (s: SagaStepView) => `step ${s.number} '${s.name}'`;
const quoteList = (names: string[]) => names.map((n) => `'${n}'`).join(" and ");

function currentRef(saga: UpstreamSaga, steps: SagaStepView[]): string {
  const s = saga.current_step === null ? undefined : steps[saga.current_step];
  return s ? `step ${s.number} of ${steps.length} '${s.name}'` : "current step unknown";
}

function failureVerdict(saga: UpstreamSaga, steps: SagaStepView[], timeline: SagaTimeline): SagaVerdict {
  const failedAt = forwardFailureIndex(saga);
  const failed = failedAt === null ? undefined : steps[failedAt];
  const before = failed ? steps.slice(0, failed.index) : [];
  const attempts = failed?.attempts ? ` after ${plural(failed.attempts.used, "attempt")}` : "";
  const what = failed ? `Failed at ${stepRef(failed)}${attempts}${failed.error ? ` (${failed.error})` : ""}` : "Failed";
  const brokenNames = [
    ...new Set([
      ...before.filter((s) => s.compensation.state === "failed").map((s) => s.name),
      ...timeline.compensation.filter((e) => e.kind === "compensation-failed").map((e) => e.stepName),
    ]),
  ];
  if (brokenNames.length) {
    const noun = brokenNames.length === 1 ? "Compensation" : "Compensations";
    // The exception text is what the engineer cleaning up needs first; it lives only in history.
    const causes = [
      ...new Set([
        ...before.map((s) => s.compensation.error).filter((e): e is string => Boolean(e)),
        ...timeline.compensation.filter((e) => e.kind === "compensation-failed" && e.error).map((e) => e.error as string),
      ]),
    ];
    const cause = causes.length ? ` (${causes.join("; ")})` : "";
    return { text: `${noun} of ${quoteList(brokenNames)} FAILED${cause} — manual clean-up needed. ${what}.`, tone: "bad" };
  }
  const needed = before.filter((s) => s.compensation.operation !== null);
  const done = needed.filter((s) => s.compensation.state === "compensated").length;
  const ongoing = saga.status.value === "compensating" ? "compensating" : "compensations succeeded";
  const skipped = before.length - needed.length;
  const note = skipped ? ` (${plural(skipped, "step")} had no compensation)` : "";
  return { text: `${what}; ${done} of ${needed.length} ${ongoing}${note}`, tone: "bad" };
}

function completedVerdict(saga: UpstreamSaga, steps: SagaStepView[]): SagaVerdict {
  const start = parseIsoMs(saga.created_at) ?? parseIsoMs(steps[0]?.startedAt);
  const ends = steps.map((s) => parseIsoMs(s.completedAt)).filter((t): t is number => t !== null);
  const end = ends.length ? ends.reduce((a, b) => Math.max(a, b)) : parseIsoMs(saga.updated_at);
  const took = start !== null && end !== null ? ` in ${formatDuration(end - start)}` : "";
  const retried = steps.filter((s) => (s.attempts?.used ?? 0) > 1);
  const retries = retried.length ? ` (${retried.map((s) => `'${s.name}' needed ${s.attempts!.used} attempts`).join(", ")})` : "";
  return { text: `Completed all ${plural(steps.length, "step")}${took}${retries}`, tone: "ok" };
}

function timeoutVerdict(saga: UpstreamSaga, steps: SagaStepView[], timeline: SagaTimeline): SagaVerdict {
  const entry = timeline.events.find((e) => e.kind === "timeout");
  const created = parseIsoMs(saga.created_at);
  const afterMs = entry?.atMs != null && created !== null ? entry.atMs - created : saga.timeout_seconds !== null ? saga.timeout_seconds * 1000 : null;
  const after = afterMs === null ? "" : ` after ${formatDuration(afterMs)}`;
  const s = saga.current_step === null ? undefined : steps[saga.current_step];
  return { text: `Timed out${after}${s ? ` at ${stepRef(s)}` : ""}`, tone: "bad" };
}

/** One line that answers "what happened to this provisioning request?". */
export function sagaVerdict(
  saga: UpstreamSaga,
  history: readonly UpstreamHistoryEntry[],
  opts: { now: number; stuckAfterMs: number; /** reuse the page's timeline instead of classifying again */ timeline?: SagaTimeline },
): SagaVerdict {
  const steps = toSagaSteps(saga, history, { now: opts.now });
  const timeline = () => opts.timeline ?? toSagaTimeline(saga, history);
  switch (saga.status.value) {
    case "completed":
      return completedVerdict(saga, steps);
    case "compensated":
    case "compensating":
      return failureVerdict(saga, steps, timeline());
    case "failed":
      return timeoutVerdict(saga, steps, timeline());
    case "pending": {
      const updated = parseIsoMs(saga.updated_at);
      if (updated !== null && opts.now - updated > opts.stuckAfterMs) {
        const since = `${formatUtc(updated)} (${formatDuration(opts.now - updated)} ago)`;
        return { text: `Possibly stuck: no progress since ${since} (${currentRef(saga, steps)})`, tone: "warn" };
      }
      return { text: `Running: ${currentRef(saga, steps)}`, tone: "info" };
    }
    default:
      return { text: `Status ${enumLabel(saga.status)}: the console cannot judge it (${currentRef(saga, steps)})`, tone: "unknown" };
  }
}
