/** Shapes the simulated platform stores (CONTRACT §2.1–§2.3), plus the simulator's own catalog. */

export type SimSurface = "mgmt" | "admin" | "reseller" | "tenant";
export const SIM_SURFACES: readonly SimSurface[] = ["mgmt", "admin", "reseller", "tenant"];

export interface SagaStep {
  step_id: string;
  name: string;
  operation: string;
  parameters: Record<string, unknown>;
  compensation_operation: string | null;
  compensation_parameters: Record<string, unknown>;
  status: string;
  result: unknown;
  error: string | null;
  started_at: string | null;
  completed_at: string | null;
  retry_count: number;
  max_retries: number;
}

export interface Saga {
  saga_id: string;
  tenant_id: string;
  workflow_type: string;
  steps: SagaStep[];
  status: string;
  current_step: number;
  created_at: string;
  updated_at: string;
  idempotency_key: string | null;
  timeout_seconds: number;
}

export interface HistoryEntry {
  timestamp: string;
  step_id: string;
  step_name: string;
  status: string;
  error: string | null;
  retry_count: number;
}

/** A Redis HASH as the platform stores it: every value a string, null fields absent. */
export type KeyHash = Record<string, string>;

export interface SeedKey {
  hash: KeyHash;
  /** Epoch ms at which the HASH expires (EXPIREAT); in the past for expired keys. */
  expiresAtMs: number;
  /** ZSET score: created_at as epoch seconds (float). */
  score: number;
}

export interface SeedSaga {
  id: string;
  /** Parsed saga; null when there is no record (history only) or the blob is not JSON. */
  saga: Saga | null;
  /** Exact STRING value stored under bgops:saga:{id}; null when absent. */
  raw: string | null;
  /** Exact LIST elements under bgops:saga:history:{id}, oldest first. */
  history: string[];
}

export interface SeedOperation {
  id: string;
  hash: KeyHash;
}

/** Well-known ids for every state, stable across seeds so tests and the README can name them. */
export interface SimCatalog {
  tenants: string[];
  defaultTenant: string;
  workflowTypes: string[];
  sagas: {
    running: string;
    stuck: string;
    completed: string;
    compensated: string;
    compensationFailed: string;
    timedOut: string;
    retried: string;
    huge: string;
    historyOnly: string;
    crossTenant: string;
    /** STRING holds text that is not JSON: the saga route answers 404, history still works. */
    corruptJson: string;
    /** History LIST holds a non-JSON element: history answers {"source":"redis","error":…,"items":[]}. */
    corruptHistory: string;
    /** Valid-looking id with no record and no history. */
    unknown: string;
  };
  keys: {
    completed: string;
    failed: string;
    pending: string;
    in_progress: string;
    compensated: string;
    expired: string;
    crossTenant: string;
    linkedToSaga: string;
    unknown: string;
  };
  operations: string[];
}
