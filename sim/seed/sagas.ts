import { pyDumps } from "../format";
import type { Rng } from "../prng";
import type { HistoryEntry, Saga, SeedSaga } from "../types";
import { WELL_KNOWN_KEYS as K, WELL_KNOWN_SAGAS as S } from "./catalog";
import { DEFAULT_TTL_SECONDS, keyName, randomUser, type KeySpec } from "./keys";
import { buildSaga, type SagaOutcome, type SagaPlan } from "./saga-builder";
import { TENANTS, WORKFLOWS, workflow, type WorkflowDef } from "./workflows";

const MIN = 60_000;
const HOUR = 3_600_000;

export function uuid4(rng: Rng): string {
  return `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-${rng.pick(["8", "9", "a", "b"])}${rng.hex(3)}-${rng.hex(12)}`;
}

export const toSeedSaga = (saga: Saga, history: HistoryEntry[]): SeedSaga => ({
  id: saga.saga_id,
  saga,
  raw: pyDumps(saga),
  history: history.map(pyDumps),
});

/** The idempotency record a saga's request left behind, consistent with how the saga ended. */
export function linkedKeySpec(saga: Saga, key: string, tenant: string, userId: string | null, wf: WorkflowDef): KeySpec {
  const createdMs = Date.parse(saga.created_at) - 3;
  const base = { key, tenant, userId, operationType: wf.operationType, createdMs, ttlSeconds: DEFAULT_TTL_SECONDS };
  if (saga.status === "completed") return { ...base, status: "completed", result: { saga_id: saga.saga_id, status: "completed", tenant_id: saga.tenant_id } };
  if (saga.status === "pending") return { ...base, status: "in_progress" };
  const failed = saga.steps.find((s) => s.status === "failed");
  const error = saga.status === "failed" ? "Saga timed out" : `Saga compensated: step '${failed?.name ?? "?"}' failed: ${failed?.error ?? "unknown error"}`;
  return { ...base, status: "failed", error };
}

interface WellKnownPlan extends Omit<SagaPlan, "workflow"> {
  workflowType: string;
  keyTenant?: string;
}

function wellKnownPlans(nowMs: number): WellKnownPlan[] {
  const prov = "tenant_provisioning";
  return [
    { id: S.running, tenant: "acme", workflowType: prov, idempotencyKey: K.in_progress, outcome: { kind: "running", at: 2 }, endMs: nowMs - 4_000 },
    { id: S.stuck, tenant: "acme", workflowType: prov, idempotencyKey: null, outcome: { kind: "running", at: 3 }, endMs: nowMs - 75 * MIN },
    { id: S.completed, tenant: "acme", workflowType: prov, idempotencyKey: K.linkedToSaga, outcome: { kind: "completed" }, endMs: nowMs - 12 * MIN },
    { id: S.compensated, tenant: "acme", workflowType: prov, idempotencyKey: K.failed, outcome: { kind: "compensated", failAt: 3 }, endMs: nowMs - 25 * MIN },
    { id: S.compensationFailed, tenant: "acme", workflowType: prov, idempotencyKey: null, outcome: { kind: "compensated", failAt: 3, compensationFailsAt: 1 }, endMs: nowMs - 40 * MIN },
    { id: S.timedOut, tenant: "acme", workflowType: "billing_run", idempotencyKey: null, outcome: { kind: "timedOut", at: 2 }, endMs: nowMs - 2 * HOUR },
    { id: S.retried, tenant: "acme", workflowType: "plugin_installation", idempotencyKey: null, outcome: { kind: "completed" }, retries: { 2: 2 }, endMs: nowMs - 8 * MIN },
    { id: S.crossTenant, tenant: "globex", workflowType: "domain_setup", idempotencyKey: K.crossTenant, keyTenant: "acme", outcome: { kind: "completed" }, endMs: nowMs - 30 * MIN },
    { id: S.corruptHistory, tenant: "initech", workflowType: "domain_setup", idempotencyKey: null, outcome: { kind: "completed" }, endMs: nowMs - 3 * HOUR },
  ];
}

/** 5,010 batch steps failing at batch 5,002: 5,002 forward entries + 5,001 compensations > 10,000 history entries. */
function hugeSaga(nowMs: number, rng: Rng): SeedSaga {
  const steps = Array.from({ length: 5010 }, (_, i) => ({
    name: `Import customer batch ${i + 1}`,
    operation: "import_customer_batch",
    compensation: "delete_customer_batch",
    seconds: [0.05, 0.4] as [number, number],
    errors: ["CRM API rate limited (429)"],
  }));
  const wf: WorkflowDef = { type: "customer_bulk_import", operationType: "POST_/api/v1/customers/import", steps };
  const { saga, history } = buildSaga({ id: S.huge, tenant: "acme", workflow: wf, idempotencyKey: null, outcome: { kind: "compensated", failAt: 5001 }, endMs: nowMs - 50 * MIN, timeoutSeconds: 86_400 }, rng);
  return toSeedSaga(saga, history);
}

function specialSagas(nowMs: number, rng: Rng): SeedSaga[] {
  const orphan = buildSaga({ id: S.historyOnly, tenant: "umbrella", workflow: workflow("plugin_installation"), idempotencyKey: null, outcome: { kind: "completed" }, endMs: nowMs - 5 * HOUR }, rng);
  const corrupt = buildSaga({ id: S.corruptJson, tenant: "hooli", workflow: workflow("tenant_provisioning"), idempotencyKey: null, outcome: { kind: "running", at: 1 }, endMs: nowMs - 6 * HOUR }, rng);
  return [
    { id: S.historyOnly, saga: null, raw: null, history: orphan.history.map(pyDumps) },
    // A Python repr written by an old worker: GET returns it, json.loads fails, the route answers 404.
    { id: S.corruptJson, saga: null, raw: `{'saga_id': '${S.corruptJson}', 'tenant_id': 'hooli', 'status': 'pending'}`, history: corrupt.history.map(pyDumps) },
  ];
}

function randomOutcome(rng: Rng, steps: number): { outcome: SagaOutcome; endAgoMs: number; retries?: Record<number, number> } {
  const roll = rng.next();
  const anyStep = () => rng.int(0, steps - 1);
  if (roll < 0.42) return { outcome: { kind: "completed" }, endAgoMs: rng.int(2 * MIN, 72 * HOUR) };
  if (roll < 0.52) return { outcome: { kind: "completed" }, endAgoMs: rng.int(2 * MIN, 72 * HOUR), retries: { [anyStep()]: rng.int(1, 3) } };
  if (roll < 0.68) return { outcome: { kind: "compensated", failAt: rng.int(1, steps - 1) }, endAgoMs: rng.int(2 * MIN, 72 * HOUR) };
  if (roll < 0.73) {
    const failAt = rng.int(2, steps - 1);
    return { outcome: { kind: "compensated", failAt, compensationFailsAt: rng.int(0, failAt - 1) }, endAgoMs: rng.int(5 * MIN, 72 * HOUR) };
  }
  if (roll < 0.85) return { outcome: { kind: "running", at: anyStep() }, endAgoMs: rng.int(1_000, 25_000) };
  if (roll < 0.92) return { outcome: { kind: "running", at: anyStep() }, endAgoMs: rng.int(40 * MIN, 20 * HOUR) };
  return { outcome: { kind: "timedOut", at: anyStep() }, endAgoMs: rng.int(10 * MIN, 60 * HOUR) };
}

export function seedSagas(rng: Rng, nowMs: number, count: number): { sagas: SeedSaga[]; keys: KeySpec[] } {
  const sagas: SeedSaga[] = [];
  const keys: KeySpec[] = [];
  for (const plan of wellKnownPlans(nowMs)) {
    const wf = workflow(plan.workflowType);
    const { saga, history } = buildSaga({ ...plan, workflow: wf }, rng);
    if (plan.id === S.corruptHistory) {
      const lines = history.map(pyDumps);
      lines.splice(1, 0, "step_1 completed (written by a debugging script)");
      sagas.push({ id: saga.saga_id, saga, raw: pyDumps(saga), history: lines });
    } else sagas.push(toSeedSaga(saga, history));
    if (plan.idempotencyKey) keys.push(linkedKeySpec(saga, plan.idempotencyKey, plan.keyTenant ?? plan.tenant, "usr_42", wf));
  }
  sagas.push(hugeSaga(nowMs, rng), ...specialSagas(nowMs, rng));

  let crossTenantLeft = 4;
  for (let n = 0; n < count; n++) {
    const wf = rng.pick(WORKFLOWS);
    const tenant = rng.pick(TENANTS);
    const { outcome, endAgoMs, retries } = randomOutcome(rng, wf.steps.length);
    const key = rng.chance(0.75) ? keyName(rng, tenant, wf.operationType, n) : null;
    const { saga, history } = buildSaga({ id: uuid4(rng), tenant, workflow: wf, idempotencyKey: key, outcome, retries, endMs: nowMs - endAgoMs }, rng);
    sagas.push(toSeedSaga(saga, history));
    if (!key) continue;
    let keyTenant = tenant;
    if (crossTenantLeft > 0 && rng.chance(0.08)) {
      crossTenantLeft--;
      keyTenant = TENANTS.find((t) => t !== tenant) ?? tenant;
    }
    keys.push(linkedKeySpec(saga, key, keyTenant, randomUser(rng), wf));
  }
  return { sagas, keys };
}
