import { isoMicros } from "../format";
import type { Rng } from "../prng";
import type { HistoryEntry, Saga, SagaStep } from "../types";
import type { WorkflowDef, WorkflowStepDef } from "./workflows";

export type SagaOutcome =
  | { kind: "completed" }
  | { kind: "running"; at: number }
  | { kind: "compensated"; failAt: number; compensationFailsAt?: number }
  | { kind: "timedOut"; at: number };

export interface SagaPlan {
  id: string;
  tenant: string;
  workflow: WorkflowDef;
  idempotencyKey: string | null;
  outcome: SagaOutcome;
  /** step index → failed attempts before the attempt that succeeded */
  retries?: Record<number, number>;
  /** Epoch ms of the saga's last event (last history entry, or the current step's start while running). */
  endMs: number;
  timeoutSeconds?: number;
}

interface PendingEvent extends Omit<HistoryEntry, "timestamp"> {
  t: number;
}

export function newStep(def: WorkflowStepDef, index: number, tenant: string): SagaStep {
  return {
    step_id: `step_${index}`,
    name: def.name,
    operation: def.operation,
    parameters: { tenant_id: tenant },
    compensation_operation: def.compensation,
    compensation_parameters: def.compensation ? { tenant_id: tenant } : {},
    status: "pending",
    result: null,
    error: null,
    started_at: null,
    completed_at: null,
    retry_count: 0,
    max_retries: 3,
  };
}

export function stepResult(step: SagaStep, tenant: string, rng: Rng): unknown {
  if (step.operation === "deploy_container") return { container: `isp-${tenant}-${rng.int(1, 4)}` };
  if (step.operation === "send_welcome_email" || step.operation === "send_invoices") return null;
  return { resource_id: `${step.operation}-${rng.hex(8)}`, tenant_id: tenant };
}

export function compensationError(step: SagaStep): string {
  return `${step.compensation_operation ?? "compensation"} raised: resource still in use by ${step.operation}`;
}

const durationMs = (def: WorkflowStepDef, rng: Rng) => Math.round((def.seconds[0] + rng.next() * (def.seconds[1] - def.seconds[0])) * 1000);

/** Replays the platform's executor (CONTRACT §2.2/§2.3) on a virtual clock, then pins it to endMs. */
export function buildSaga(plan: SagaPlan, rng: Rng): { saga: Saga; history: HistoryEntry[] } {
  const defs = plan.workflow.steps;
  const steps = defs.map((d, i) => newStep(d, i, plan.tenant));
  const starts: (number | null)[] = defs.map(() => null);
  const ends: (number | null)[] = defs.map(() => null);
  const events: PendingEvent[] = [];
  const timeoutSeconds = plan.timeoutSeconds ?? 7200;
  const out = plan.outcome;
  let t = rng.int(5, 80);
  let current = 0;
  let updated = 0;
  let status = "completed";

  for (let i = 0; i < defs.length; i++) {
    const def = defs[i]!;
    const step = steps[i]!;
    current = i;
    if (i > 0) updated = t;
    starts[i] = t;
    if (out.kind === "running" && out.at === i) {
      status = "pending";
      break;
    }
    if (out.kind === "timedOut" && out.at === i) {
      const tt = Math.max(t + 1000, timeoutSeconds * 1000 + rng.int(1000, 90_000));
      events.push({ t: tt, step_id: "timeout", step_name: "saga", status: "failed", error: "Saga timed out", retry_count: 0 });
      status = "failed";
      break;
    }
    const failing = out.kind === "compensated" && out.failAt === i;
    const failedAttempts = failing ? step.max_retries + 1 : (plan.retries?.[i] ?? 0);
    for (let a = 0; a < failedAttempts; a++) {
      t += durationMs(def, rng);
      step.error = rng.pick(def.errors);
      step.retry_count = a;
      if (a < step.max_retries) t += Math.min(2 ** a, 60) * 1000;
    }
    if (failing) {
      step.status = "failed";
      events.push({ t, step_id: step.step_id, step_name: step.name, status: "failed", error: step.error, retry_count: step.retry_count });
      for (let j = i - 1; j >= 0; j--) {
        const done = steps[j]!;
        if (done.status !== "completed" || !done.compensation_operation) continue;
        t += rng.int(20, 1500);
        if (out.compensationFailsAt === j) {
          done.status = "failed";
          events.push({ t, step_id: done.step_id, step_name: done.name, status: "failed", error: compensationError(done), retry_count: 0 });
        } else {
          done.status = "compensated";
          events.push({ t, step_id: done.step_id, step_name: done.name, status: "compensated", error: null, retry_count: 0 });
        }
      }
      status = "compensated";
      break;
    }
    t += durationMs(def, rng);
    step.status = "completed";
    step.retry_count = failedAttempts;
    step.result = stepResult(step, plan.tenant, rng);
    ends[i] = t;
    events.push({ t, step_id: step.step_id, step_name: step.name, status: "completed", error: null, retry_count: failedAttempts });
    t += rng.int(1, 40);
  }

  const last = Math.max(t, ...events.map((e) => e.t), ...starts.filter((s): s is number => s !== null));
  const delta = plan.endMs - last;
  const iso = (offset: number) => isoMicros(delta + offset, rng.int(0, 999));
  steps.forEach((s, i) => {
    const start = starts[i];
    const end = ends[i];
    if (start !== null && start !== undefined) s.started_at = iso(start);
    if (end !== null && end !== undefined) s.completed_at = iso(end);
  });
  const history = events.map(({ t: at, ...rest }) => ({ timestamp: iso(at), ...rest }));
  const created = iso(0);
  const saga: Saga = {
    saga_id: plan.id,
    tenant_id: plan.tenant,
    workflow_type: plan.workflow.type,
    steps,
    status,
    current_step: current,
    created_at: created,
    updated_at: updated === 0 ? created : iso(updated),
    idempotency_key: plan.idempotencyKey,
    timeout_seconds: timeoutSeconds,
  };
  return { saga, history };
}
