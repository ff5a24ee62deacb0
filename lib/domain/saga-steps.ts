import type { StepStatus, UpstreamHistoryEntry, UpstreamSaga } from "@/lib/upstream/schemas/bgops";
import { enumLabel, type LenientEnum } from "@/lib/upstream/schemas/lenient-enum";
import { formatDuration, parseIsoMs } from "@/lib/domain/time";

export type CompensationState = "not-needed" | "compensated" | "failed" | "no-operation" | "not-run";

export interface SagaStepView {
  index: number;
  /** 1-based, as operators count. */
  number: number;
  id: string;
  name: string;
  operation: string | null;
  status: LenientEnum<StepStatus>;
  statusLabel: string;
  isCurrent: boolean;
  /** retry_count + 1 of max_retries + 1; null when the record does not say (memory shape). */
  attempts: { used: number; max: number | null; label: string } | null;
  startedAt: string | null;
  completedAt: string | null;
  durationMs: number | null;
  durationLabel: string | null;
  error: string | null;
  compensation: { operation: string | null; state: CompensationState; error: string | null };
}

/** The step that failed going forward: the last `failed` one, since compensation only walks earlier steps. */
export function forwardFailureIndex(saga: UpstreamSaga): number | null {
  for (let i = saga.steps.length - 1; i >= 0; i--) {
    if (saga.steps[i]?.status.value === "failed") return i;
  }
  return null;
}

function compensationState(saga: UpstreamSaga, index: number, failedAt: number | null): CompensationState {
  const step = saga.steps[index]!;
  if (failedAt === null || index >= failedAt) return "not-needed";
  if (step.status.value === "compensated") return "compensated";
  if (step.status.value === "failed") return "failed";
  return step.compensation_operation ? "not-run" : "no-operation";
}

function attemptsOf(retry: number | null, maxRetries: number | null, started: boolean) {
  if (retry === null) return null;
  const used = started ? retry + 1 : 0;
  const max = maxRetries === null ? null : maxRetries + 1;
  return { used, max, label: max === null ? `${used}` : `${used} of ${max}` };
}

/** One row per step: attempts, duration, error and what became of its compensation. */
export function toSagaSteps(
  saga: UpstreamSaga,
  history: readonly UpstreamHistoryEntry[] = [],
  opts: { now?: number; compensationErrors?: Readonly<Record<string, string>> } = {},
): SagaStepView[] {
  const failedAt = forwardFailureIndex(saga);
  const terminal = ["completed", "compensated", "failed"].includes(saga.status.value);
  return saga.steps.map((step, index) => {
    const id = step.step_id ?? `step_${index}`;
    const started = parseIsoMs(step.started_at);
    const completed = parseIsoMs(step.completed_at);
    const isCurrent = saga.current_step === index && !terminal;
    let durationMs: number | null = started !== null && completed !== null ? completed - started : null;
    let durationLabel = durationMs === null ? null : formatDuration(durationMs);
    if (durationMs === null && started !== null && isCurrent && opts.now !== undefined) {
      durationMs = opts.now - started;
      durationLabel = `running for ${formatDuration(durationMs)}`;
    }
    const state = compensationState(saga, index, failedAt);
    // A compensation that raised leaves the step's own error alone; its text is only in history.
    const compError =
      state === "failed"
        ? (opts.compensationErrors?.[id] ?? history.findLast((h) => h.step_id === id && h.status.value === "failed" && index !== failedAt)?.error ?? null)
        : null;
    return {
      index,
      number: index + 1,
      id,
      name: step.name ?? id,
      operation: step.operation,
      status: step.status,
      // The platform marks a step whose compensation raised as "failed", like the step that failed going
      // forward; the label says which it was, the raw status stays in `status`.
      statusLabel: state === "failed" && index !== failedAt ? "failed (compensation)" : enumLabel(step.status),
      isCurrent,
      attempts: attemptsOf(step.retry_count, step.max_retries, started !== null || step.status.value !== "pending"),
      startedAt: step.started_at,
      completedAt: step.completed_at,
      durationMs,
      durationLabel,
      error: step.error,
      compensation: { operation: step.compensation_operation, state, error: compError },
    };
  });
}
