import { createHash } from "node:crypto";
import { isoMicros, pyDumps } from "../format";
import type { Rng } from "../prng";
import type { SeedKey } from "../types";
import { TENANTS, WORKFLOWS } from "./workflows";

export interface KeySpec {
  key: string;
  tenant: string;
  userId: string | null;
  operationType: string;
  createdMs: number;
  ttlSeconds: number;
  status: string;
  result?: unknown;
  error?: string;
}

export const DEFAULT_TTL_SECONDS = 86_400;

/** HASH fields in the order the platform writes them; null/undefined fields are left out (CONTRACT §2.1). */
export function toSeedKey(spec: KeySpec, micros: number): SeedKey {
  const expiresAtMs = spec.createdMs + spec.ttlSeconds * 1000;
  const hash: Record<string, string> = {
    key: spec.key,
    tenant_id: spec.tenant,
  };
  if (spec.userId !== null) hash.user_id = spec.userId;
  hash.operation_type = spec.operationType;
  hash.created_at = isoMicros(spec.createdMs, micros);
  hash.expires_at = isoMicros(expiresAtMs, micros);
  hash.status = spec.status;
  if (spec.result !== undefined) hash.result = pyDumps(spec.result);
  if (spec.error !== undefined) hash.error = spec.error;
  return { hash, expiresAtMs, score: Number(((spec.createdMs + micros / 1000) / 1000).toFixed(6)) };
}

const EXTRA_OPERATIONS = [
  "POST_/api/v1/customers",
  "POST_/api/v1/billing/invoices",
  "PUT_/api/v1/tenants/{tenant_id}/plan",
  "POST_/api/v1/partners/signup",
  "POST_/api/v1/notifications/send",
];

const STATUS_WEIGHTS: [string, number][] = [
  ["completed", 50],
  ["failed", 12],
  ["pending", 10],
  ["in_progress", 14],
  ["compensating", 2],
  ["compensated", 3],
];

function weightedStatus(rng: Rng): string {
  const total = STATUS_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let roll = rng.next() * total;
  for (const [status, w] of STATUS_WEIGHTS) {
    roll -= w;
    if (roll < 0) return status;
  }
  return "completed";
}

export function keyName(rng: Rng, tenant: string, op: string, n: number): string {
  if (rng.chance(0.6)) return createHash("sha256").update(`${tenant}:${n}:${op}:${rng.hex(12)}`).digest("hex");
  return `req_${tenant}_${rng.hex(16)}`;
}

export function randomUser(rng: Rng): string | null {
  return rng.chance(0.15) ? null : `usr_${rng.int(1, 400)}`;
}

export function resultFor(status: string, tenant: string, rng: Rng): Pick<KeySpec, "result" | "error"> {
  if (status === "completed") return { result: { tenant_id: tenant, id: rng.hex(10), status: "ok" } };
  if (status === "failed") return { error: rng.pick(["provisioner unreachable", "validation failed: plan not found", "payment gateway 503"]) };
  if (status === "compensated") return { error: "saga compensated after step failure" };
  return {};
}

/** Standalone keys (not linked from a saga) spread over the last 72 h; about a third have expired. */
export function randomKeySpecs(rng: Rng, nowMs: number, count: number): KeySpec[] {
  const ops = [...WORKFLOWS.map((w) => w.operationType), ...EXTRA_OPERATIONS];
  const specs: KeySpec[] = [];
  for (let n = 0; n < count; n++) {
    const tenant = rng.pick(TENANTS);
    const op = rng.pick(ops);
    const status = weightedStatus(rng);
    const createdMs = nowMs - rng.int(60_000, 72 * 3_600_000);
    specs.push({ key: keyName(rng, tenant, op, n), tenant, userId: randomUser(rng), operationType: op, createdMs, ttlSeconds: DEFAULT_TTL_SECONDS, status, ...resultFor(status, tenant, rng) });
  }
  // Short-TTL keys among the newest: the list skips them, so count < limit although older live keys exist.
  for (let n = 0; n < 6; n++) {
    const tenant = rng.pick(TENANTS);
    specs.push({ key: `req_${tenant}_short_${rng.hex(10)}`, tenant, userId: randomUser(rng), operationType: "POST_/api/v1/notifications/send", createdMs: nowMs - rng.int(20 * 60_000, 40 * 60_000), ttlSeconds: 300, status: "completed", result: { sent: true } });
  }
  return specs;
}
