import type { SagaStatus, UpstreamHistoryEntry, UpstreamSaga } from "@/lib/upstream/schemas/bgops";
import { clockedParts, type ClockInput } from "@/lib/domain/saga-clock";
import { forwardFailureIndex } from "@/lib/domain/saga-steps";
import { toSagaTimeline, type SagaTimeline } from "@/lib/domain/saga-timeline";

export type Tone = "ok" | "info" | "warn" | "bad" | "unknown";

export interface SagaViewOptions {
  now: number;
  /** A pending saga whose updated_at is older than this is "possibly stuck". */
  stuckAfterMs: number;
  tenantInUse: string;
  /** toSagaTimeline's result when the page has it already: a 10,000-entry history is then classified once. */
  timeline?: SagaTimeline;
}

export interface SagaView {
  id: string | null;
  tenant: string | null;
  /** The saga belongs to another tenant than the one in use: a signal, never hidden (CONTRACT §7). */
  crossTenant: boolean;
  workflowType: string | null;
  status: { value: SagaStatus | "unknown"; raw: string | null; label: string; tone: Tone; terminal: boolean };
  stuck: { since: string; sinceLabel: string; forMs: number } | null;
  createdAt: string | null;
  updatedAt: string | null;
  currentStep: { number: number; total: number; name: string } | null;
  timeout: { seconds: number; deadlineMs: number | null; remainingMs: number | null; label: string } | null;
  idempotencyKey: string | null;
  compensationFailed: boolean;
  /** The platform's in-memory store keeps fewer fields (no times, no timeout, no key). */
  reduced: boolean;
}

export function hasFailedCompensation(saga: UpstreamSaga, history: readonly UpstreamHistoryEntry[], timeline?: SagaTimeline): boolean {
  const failedAt = forwardFailureIndex(saga);
  if (failedAt !== null && saga.steps.slice(0, failedAt).some((s) => s.status.value === "failed")) return true;
  return (timeline ?? toSagaTimeline(saga, history)).compensation.some((e) => e.kind === "compensation-failed");
}

/** The saga header: status with the platform's real semantics (CONTRACT §2.2), tenant, timeout. */
export function toSagaView(saga: UpstreamSaga, history: readonly UpstreamHistoryEntry[], opts: SagaViewOptions): SagaView {
  const compensationFailed = hasFailedCompensation(saga, history, opts.timeline);
  const clock: ClockInput = { status: saga.status, createdAt: saga.created_at, updatedAt: saga.updated_at, timeoutSeconds: saga.timeout_seconds, compensationFailed };
  const idx = saga.current_step;
  const step = idx === null ? undefined : saga.steps[idx];
  return {
    id: saga.saga_id,
    tenant: saga.tenant_id,
    crossTenant: saga.tenant_id !== null && saga.tenant_id !== opts.tenantInUse,
    workflowType: saga.workflow_type,
    ...clockedParts(clock, opts.now, opts.stuckAfterMs),
    createdAt: saga.created_at,
    updatedAt: saga.updated_at,
    currentStep: idx === null || !step ? null : { number: idx + 1, total: saga.steps.length, name: step.name ?? step.step_id ?? `step_${idx}` },
    idempotencyKey: saga.idempotency_key,
    compensationFailed,
    reduced: saga.created_at === null && saga.updated_at === null && saga.timeout_seconds === null,
  };
}
