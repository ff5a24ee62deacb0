import type { SimCatalog } from "../types";
import { TENANTS, WORKFLOWS } from "./workflows";

const sagaId = (n: number) => `5f0c3a52-1e7b-4c4a-9d2e-6a1b7c${n.toString(16).padStart(6, "0")}`;

/** Stable across seeds: the README, e2e tests and other helpers name these. */
export const WELL_KNOWN_SAGAS: SimCatalog["sagas"] = {
  running: sagaId(1),
  stuck: sagaId(2),
  completed: sagaId(3),
  compensated: sagaId(4),
  compensationFailed: sagaId(5),
  timedOut: sagaId(6),
  retried: sagaId(7),
  huge: sagaId(8),
  historyOnly: sagaId(9),
  crossTenant: sagaId(10),
  corruptJson: sagaId(11),
  corruptHistory: sagaId(12),
  unknown: sagaId(0xdead),
};

export const WELL_KNOWN_KEYS: SimCatalog["keys"] = {
  completed: "demo-completed-0001",
  failed: "demo-failed-0001",
  pending: "demo-pending-0001",
  in_progress: "demo-in-progress-0001",
  compensated: "demo-compensated-0001",
  expired: "demo-expired-0001",
  crossTenant: "demo-cross-tenant-0001",
  linkedToSaga: "demo-linked-0001",
  unknown: "demo-unknown-0001",
};

export const WELL_KNOWN_OPERATIONS = ["op-5f0c3a52-0001", "op-5f0c3a52-0002", "op-5f0c3a52-0003"];

export const DEFAULT_TENANT = "acme";

export function buildCatalog(): SimCatalog {
  return {
    tenants: [...TENANTS],
    defaultTenant: DEFAULT_TENANT,
    workflowTypes: [...WORKFLOWS.map((w) => w.type), "customer_bulk_import"],
    sagas: { ...WELL_KNOWN_SAGAS },
    keys: { ...WELL_KNOWN_KEYS },
    operations: [...WELL_KNOWN_OPERATIONS],
  };
}
