import { isoMicros } from "../format";
import { createRng } from "../prng";
import type { SeedKey, SeedOperation, SeedSaga, SimCatalog } from "../types";
import { buildCatalog, WELL_KNOWN_KEYS as K, WELL_KNOWN_OPERATIONS, WELL_KNOWN_SAGAS as S } from "./catalog";
import { DEFAULT_TTL_SECONDS, randomKeySpecs, toSeedKey, type KeySpec } from "./keys";
import { seedSagas } from "./sagas";

export interface SeedData {
  sagas: SeedSaga[];
  keys: SeedKey[];
  operations: SeedOperation[];
  catalog: SimCatalog;
}

const MIN = 60_000;

function standaloneWellKnownKeys(nowMs: number): KeySpec[] {
  const base = { tenant: "acme", userId: "usr_42", ttlSeconds: DEFAULT_TTL_SECONDS };
  return [
    { ...base, key: K.completed, operationType: "POST_/api/v1/tenants", createdMs: nowMs - 5 * MIN, status: "completed", result: { tenant_id: "acme", container: "isp-acme-1" } },
    { ...base, key: K.pending, userId: null, operationType: "POST_/api/v1/customers", createdMs: nowMs - 20_000, status: "pending" },
    { ...base, key: K.compensated, operationType: "POST_/api/v1/plugins/install", createdMs: nowMs - 50 * MIN, status: "compensated", error: "saga compensated after step failure" },
    { ...base, key: K.expired, operationType: "POST_/api/v1/tenants", createdMs: nowMs - 30 * 60 * MIN, status: "completed", result: { tenant_id: "acme", container: "isp-acme-0" } },
  ];
}

function operations(nowMs: number): SeedOperation[] {
  const specs = [
    { status: "completed", saga: S.completed, key: K.linkedToSaga, result: '{"tenant_id": "acme"}' },
    { status: "running", saga: S.running, key: K.in_progress },
    { status: "failed", saga: S.compensated, key: K.failed, error: "provisioner unreachable" },
  ];
  return specs.map((s, i) => {
    const id = WELL_KNOWN_OPERATIONS[i]!;
    const hash: Record<string, string> = {
      operation_id: id,
      tenant_id: "acme",
      user_id: "usr_42",
      operation_type: "tenant_provisioning",
      status: s.status,
      created_at: isoMicros(nowMs - (i + 1) * 10 * MIN, 123),
      updated_at: isoMicros(nowMs - (i + 1) * 9 * MIN, 456),
      saga_id: s.saga,
      idempotency_key: s.key,
    };
    if (s.result) hash.result = s.result;
    if (s.error) hash.error = s.error;
    return { id, hash };
  });
}

/** Everything the simulator serves, from the seed and the start time only. */
export function buildSeed(seed: number, nowMs: number, sagaCount = 220, keyCount = 1100): SeedData {
  const rng = createRng(seed);
  const { sagas, keys: linked } = seedSagas(rng.fork("sagas"), nowMs, sagaCount);
  const keyRng = rng.fork("keys");
  const specs = [...standaloneWellKnownKeys(nowMs), ...linked, ...randomKeySpecs(keyRng, nowMs, keyCount)];
  const keys = specs.map((spec) => toSeedKey(spec, keyRng.int(0, 999)));
  return { sagas, keys, operations: operations(nowMs), catalog: buildCatalog() };
}
