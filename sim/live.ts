import type { SimContext } from "./context";
import { isoMicros, pyDumps } from "./format";
import type { Rng } from "./prng";
import { compensationError, newStep, stepResult } from "./seed/saga-builder";
import { keyName, randomUser, toSeedKey } from "./seed/keys";
import { linkedKeySpec, uuid4 } from "./seed/sagas";
import { TENANTS, WORKFLOWS, workflow, type WorkflowDef } from "./seed/workflows";
import type { HistoryEntry, Saga, SeedSaga } from "./types";

const MAX_LIVE = 40;
const FRESH_MS = 10 * 60_000;

interface LiveSaga {
  saga: Saga;
  wf: WorkflowDef;
}

/** Moves the platform along: running sagas advance (or fail and compensate), keys arrive, metrics grow. */
export class LiveActivity {
  private live: LiveSaga[] = [];
  private lastTickMs: number;
  private busy = false;

  constructor(
    private readonly ctx: SimContext,
    private readonly rng: Rng,
    seeded: SeedSaga[],
  ) {
    this.lastTickMs = ctx.now();
    const now = ctx.now();
    for (const s of seeded) {
      const saga = s.saga;
      if (!saga || saga.status !== "pending" || saga.saga_id === ctx.catalog.sagas.stuck) continue;
      if (now - Date.parse(saga.updated_at) > FRESH_MS) continue;
      const wf = WORKFLOWS.find((w) => w.type === saga.workflow_type);
      if (wf) this.live.push({ saga: structuredClone(saga), wf });
    }
  }

  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const now = this.ctx.now();
      const incident = this.ctx.incident().active;
      this.ctx.metrics.advance(Math.max(0, (now - this.lastTickMs) / 1000), incident);
      this.lastTickMs = now;
      for (const item of [...this.live]) {
        if (this.rng.chance(0.35)) await this.advance(item, now, incident);
      }
      if (this.rng.chance(0.6)) await this.arrive(now);
    } finally {
      this.busy = false;
    }
  }

  private iso(ms: number): string {
    return isoMicros(ms, this.rng.int(0, 999));
  }

  private async save(saga: Saga, entries: HistoryEntry[]): Promise<void> {
    await this.ctx.store.putSaga(saga.saga_id, pyDumps(saga));
    await this.ctx.store.pushHistory(saga.saga_id, entries.map(pyDumps));
  }

  private async advance(item: LiveSaga, now: number, incident: boolean): Promise<void> {
    const { saga } = item;
    const i = saga.current_step;
    const step = saga.steps[i];
    if (!step) return;
    const last = i === saga.steps.length - 1;
    // The well-known running saga waits on its last step forever, so the catalog stays true.
    if (last && saga.saga_id === this.ctx.catalog.sagas.running) return;
    const entries: HistoryEntry[] = [];
    const failP = (incident && saga.workflow_type === "tenant_provisioning" ? 0.3 : 0.03) * (i > 0 ? 1 : 0);
    if (this.rng.chance(failP)) {
      step.status = "failed";
      step.retry_count = step.max_retries;
      step.error = this.rng.pick(item.wf.steps[i]?.errors ?? ["step failed"]);
      entries.push({ timestamp: this.iso(now), step_id: step.step_id, step_name: step.name, status: "failed", error: step.error, retry_count: step.retry_count });
      for (let j = i - 1; j >= 0; j--) {
        const done = saga.steps[j]!;
        if (done.status !== "completed" || !done.compensation_operation) continue;
        const broken = this.rng.chance(0.1);
        done.status = broken ? "failed" : "compensated";
        entries.push({ timestamp: this.iso(now + (i - j)), step_id: done.step_id, step_name: done.name, status: done.status, error: broken ? compensationError(done) : null, retry_count: 0 });
      }
      saga.status = "compensated";
    } else {
      step.status = "completed";
      step.completed_at = this.iso(now);
      step.result = stepResult(step, saga.tenant_id, this.rng);
      entries.push({ timestamp: step.completed_at, step_id: step.step_id, step_name: step.name, status: "completed", error: null, retry_count: step.retry_count });
      if (last) saga.status = "completed";
      else {
        saga.current_step = i + 1;
        saga.updated_at = this.iso(now + 1);
        saga.steps[i + 1]!.started_at = saga.updated_at;
      }
    }
    await this.save(saga, entries);
    if (saga.status !== "pending") {
      this.live = this.live.filter((l) => l !== item);
      if (saga.idempotency_key) {
        const spec = linkedKeySpec(saga, saga.idempotency_key, saga.tenant_id, null, item.wf);
        const fields: Record<string, string> = { status: spec.status };
        if (spec.result !== undefined) fields.result = pyDumps(spec.result);
        if (spec.error !== undefined) fields.error = spec.error;
        await this.ctx.store.updateKey(saga.idempotency_key, fields);
      }
    }
  }

  private async arrive(now: number): Promise<void> {
    const tenant = this.rng.pick(TENANTS);
    const withSaga = this.live.length < MAX_LIVE && this.rng.chance(0.5);
    const wf = withSaga ? this.rng.pick(WORKFLOWS) : workflow("tenant_provisioning");
    const op = withSaga ? wf.operationType : this.rng.pick(["POST_/api/v1/customers", "POST_/api/v1/notifications/send", "POST_/api/v1/billing/invoices"]);
    const key = keyName(this.rng, tenant, op, now);
    const userId = randomUser(this.rng);
    if (!withSaga) {
      const status = this.rng.chance(0.85) ? "completed" : "failed";
      const outcome = status === "completed" ? { result: { tenant_id: tenant, id: this.rng.hex(10), status: "ok" } } : { error: "validation failed: plan not found" };
      await this.ctx.store.putKey(toSeedKey({ key, tenant, userId, operationType: op, createdMs: now, ttlSeconds: 86_400, status, ...outcome }, this.rng.int(0, 999)));
      return;
    }
    const created = this.iso(now);
    const steps = wf.steps.map((d, i) => newStep(d, i, tenant));
    steps[0]!.started_at = created;
    const saga: Saga = { saga_id: uuid4(this.rng), tenant_id: tenant, workflow_type: wf.type, steps, status: "pending", current_step: 0, created_at: created, updated_at: created, idempotency_key: key, timeout_seconds: 7200 };
    await this.ctx.store.putKey(toSeedKey({ key, tenant, userId, operationType: op, createdMs: now - 2, ttlSeconds: 86_400, status: "in_progress" }, this.rng.int(0, 999)));
    await this.save(saga, []);
    this.live.push({ saga, wf });
  }
}
