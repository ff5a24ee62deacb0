import type { SagaStatus } from "@/lib/upstream/schemas/bgops";
import { enumLabel, type LenientEnum } from "@/lib/upstream/schemas/lenient-enum";
import { formatDuration, formatUtc, parseIsoMs } from "@/lib/domain/time";
import type { SagaView } from "@/lib/domain/saga-view";

/**
 * The parts of the saga header that change with the clock alone (stuck, time left, the status label that says
 * so), from fields the header already carries: the page ticks them every second without the saga record,
 * which for a bulk import is thousands of steps it never receives. Kept apart from saga-view.ts so the
 * browser's bundle does not carry the history classification.
 */
export interface ClockInput {
  status: LenientEnum<SagaStatus>;
  createdAt: string | null;
  updatedAt: string | null;
  timeoutSeconds: number | null;
  compensationFailed: boolean;
}

export function isTerminal(status: SagaStatus | "unknown"): boolean {
  return status === "completed" || status === "compensated" || status === "failed";
}

function stuckOf(c: ClockInput, now: number, stuckAfterMs: number): SagaView["stuck"] {
  if (c.status.value !== "pending" && c.status.value !== "compensating") return null;
  const updated = parseIsoMs(c.updatedAt);
  if (updated === null || now - updated <= stuckAfterMs) return null;
  return { since: c.updatedAt!, sinceLabel: formatUtc(updated), forMs: now - updated };
}

function timeoutOf(c: ClockInput, now: number): SagaView["timeout"] {
  if (c.timeoutSeconds === null) return null;
  const created = parseIsoMs(c.createdAt);
  const deadlineMs = created === null ? null : created + c.timeoutSeconds * 1000;
  const limit = `timeout ${formatDuration(c.timeoutSeconds * 1000)}`;
  if (isTerminal(c.status.value) || deadlineMs === null) return { seconds: c.timeoutSeconds, deadlineMs, remainingMs: null, label: limit };
  const remainingMs = deadlineMs - now;
  const label =
    remainingMs > 0
      ? `${formatDuration(remainingMs)} left (${limit})`
      : `past its timeout by ${formatDuration(-remainingMs)}; the platform marks it failed on its next check`;
  return { seconds: c.timeoutSeconds, deadlineMs, remainingMs, label };
}

function statusOf(c: ClockInput, stuck: SagaView["stuck"]): SagaView["status"] {
  const { value, raw } = c.status;
  const base = { value, raw, terminal: isTerminal(value) };
  switch (value) {
    case "pending":
      return stuck ? { ...base, label: `Possibly stuck since ${stuck.sinceLabel}`, tone: "warn" } : { ...base, label: "Running", tone: "info" };
    case "compensating":
      return { ...base, label: stuck ? `Compensating, possibly stuck since ${stuck.sinceLabel}` : "Compensating", tone: "warn" };
    case "completed":
      return { ...base, label: "Completed", tone: "ok" };
    case "compensated":
      return { ...base, label: c.compensationFailed ? "Failed — a compensation failed" : "Failed — compensated", tone: "bad" };
    case "failed":
      return { ...base, label: "Timed out", tone: "bad" };
    default:
      return { ...base, label: enumLabel(c.status), tone: "unknown" };
  }
}

/** Status, stuck and timeout at `now`. */
export function clockedParts(c: ClockInput, now: number, stuckAfterMs: number): Pick<SagaView, "status" | "stuck" | "timeout"> {
  const stuck = stuckOf(c, now, stuckAfterMs);
  return { status: statusOf(c, stuck), stuck, timeout: timeoutOf(c, now) };
}

/** The server's header as it reads at `now` in the browser. */
export function sagaViewAt(view: SagaView, now: number, stuckAfterMs: number): SagaView {
  const input: ClockInput = {
    status: { value: view.status.value, raw: view.status.raw },
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
    timeoutSeconds: view.timeout?.seconds ?? null,
    compensationFailed: view.compensationFailed,
  };
  return { ...view, ...clockedParts(input, now, stuckAfterMs) };
}
