import type { SagaStatus, UpstreamHistoryEntry, UpstreamSaga } from "@/lib/upstream/schemas/bgops";
import { enumLabel } from "@/lib/upstream/schemas/lenient-enum";
import { forwardFailureIndex } from "@/lib/domain/saga-steps";
import { toSagaTimeline, type SagaTimeline } from "@/lib/domain/saga-timeline";
import { formatDuration, formatUtc, parseIsoMs } from "@/lib/domain/time";

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

export function isTerminal(status: SagaStatus | "unknown"): boolean {
  return status === "completed" || status === "compensated" || status === "failed";
}

export function hasFailedCompensation(saga: UpstreamSaga, history: readonly UpstreamHistoryEntry[], timeline?: SagaTimeline): boolean {
  const failedAt = forwardFailureIndex(saga);
  if (failedAt !== null && saga.steps.slice(0, failedAt).some((s) => s.status.value === "failed")) return true;
  return (timeline ?? toSagaTimeline(saga, history)).compensation.some((e) => e.kind === "compensation-failed");
}

function stuckOf(saga: UpstreamSaga, opts: SagaViewOptions): SagaView["stuck"] {
  if (saga.status.value !== "pending" && saga.status.value !== "compensating") return null;
  const updated = parseIsoMs(saga.updated_at);
  if (updated === null || opts.now - updated <= opts.stuckAfterMs) return null;
  return { since: saga.updated_at!, sinceLabel: formatUtc(updated), forMs: opts.now - updated };
}

function timeoutOf(saga: UpstreamSaga, now: number): SagaView["timeout"] {
  if (saga.timeout_seconds === null) return null;
  const created = parseIsoMs(saga.created_at);
  const deadlineMs = created === null ? null : created + saga.timeout_seconds * 1000;
  const limit = `timeout ${formatDuration(saga.timeout_seconds * 1000)}`;
  if (isTerminal(saga.status.value) || deadlineMs === null) return { seconds: saga.timeout_seconds, deadlineMs, remainingMs: null, label: limit };
  const remainingMs = deadlineMs - now;
  const label =
    remainingMs > 0
      ? `${formatDuration(remainingMs)} left (${limit})`
      : `past its timeout by ${formatDuration(-remainingMs)}; the platform marks it failed on its next check`;
  return { seconds: saga.timeout_seconds, deadlineMs, remainingMs, label };
}

function statusOf(saga: UpstreamSaga, stuck: SagaView["stuck"], compensationFailed: boolean): SagaView["status"] {
  const { value, raw } = saga.status;
  const base = { value, raw, terminal: isTerminal(value) };
  switch (value) {
    case "pending":
      return stuck ? { ...base, label: `Possibly stuck since ${stuck.sinceLabel}`, tone: "warn" } : { ...base, label: "Running", tone: "info" };
    case "compensating":
      return { ...base, label: stuck ? `Compensating, possibly stuck since ${stuck.sinceLabel}` : "Compensating", tone: "warn" };
    case "completed":
      return { ...base, label: "Completed", tone: "ok" };
    case "compensated":
      return { ...base, label: compensationFailed ? "Failed — a compensation failed" : "Failed — compensated", tone: "bad" };
    case "failed":
      return { ...base, label: "Timed out", tone: "bad" };
    default:
      return { ...base, label: enumLabel(saga.status), tone: "unknown" };
  }
}

/** The saga header: status with the platform's real semantics (CONTRACT §2.2), tenant, timeout. */
export function toSagaView(saga: UpstreamSaga, history: readonly UpstreamHistoryEntry[], opts: SagaViewOptions): SagaView {
  const stuck = stuckOf(saga, opts);
  const compensationFailed = hasFailedCompensation(saga, history, opts.timeline);
  const idx = saga.current_step;
  const step = idx === null ? undefined : saga.steps[idx];
  return {
    id: saga.saga_id,
    tenant: saga.tenant_id,
    crossTenant: saga.tenant_id !== null && saga.tenant_id !== opts.tenantInUse,
    workflowType: saga.workflow_type,
    status: statusOf(saga, stuck, compensationFailed),
    stuck,
    createdAt: saga.created_at,
    updatedAt: saga.updated_at,
    currentStep: idx === null || !step ? null : { number: idx + 1, total: saga.steps.length, name: step.name ?? step.step_id ?? `step_${idx}` },
    timeout: timeoutOf(saga, opts.now),
    idempotencyKey: saga.idempotency_key,
    compensationFailed,
    reduced: saga.created_at === null && saga.updated_at === null && saga.timeout_seconds === null,
  };
}
