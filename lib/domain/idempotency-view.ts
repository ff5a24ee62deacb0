import type { IdempotencyStatus, UpstreamIdempotencyRecord } from "@/lib/upstream/schemas/bgops";
import { enumLabel } from "@/lib/upstream/schemas/lenient-enum";
import type { Tone } from "@/lib/domain/saga-view";
import { formatDuration, parseIsoMs } from "@/lib/domain/time";

export type IdempotencyResult =
  | { kind: "none" }
  | { kind: "json"; value: unknown; pretty: string }
  | { kind: "text"; raw: string };

export interface IdempotencyView {
  key: string | null;
  tenant: string | null;
  crossTenant: boolean;
  userId: string | null;
  operation: { raw: string | null; method: string | null; path: string | null };
  createdAt: string | null;
  expiresAt: string | null;
  ttl: { expired: boolean; remainingMs: number | null; label: string };
  status: { value: IdempotencyStatus | "unknown"; raw: string | null; known: boolean; label: string; tone: Tone };
  /** What a retry with this key gets from the platform's middleware (CONTRACT §2.1). */
  replay: string | null;
  result: IdempotencyResult;
  /** Ids the stored result names: the saga it started and the tenant it acted on (flagged when not the key's). */
  resultRefs: { sagaId: string | null; tenant: string | null; tenantDiffers: boolean };
  error: string | null;
}

const TONES: Record<IdempotencyStatus, Tone> = {
  pending: "info",
  in_progress: "info",
  completed: "ok",
  failed: "bad",
  compensating: "warn",
  compensated: "warn",
};

const REPLAY: Partial<Record<IdempotencyStatus, string>> = {
  completed: "a retry replays 200 with the stored result",
  failed: "a retry gets 400 with the stored error",
  pending: "a retry gets 202 “Operation is being processed”",
  in_progress: "a retry gets 202 “Operation is being processed”",
};

/** `result` is JSON text inside a string; pretty-print it when it parses, keep it raw when it does not. */
export function parseStoredResult(result: string | null): IdempotencyResult {
  if (result === null || result === "") return { kind: "none" };
  try {
    const value: unknown = JSON.parse(result);
    return { kind: "json", value, pretty: JSON.stringify(value, null, 2) };
  } catch {
    return { kind: "text", raw: result };
  }
}

const SAGA_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** The saga and tenant a stored result mentions (`saga_id`, `tenant_id`), read defensively. */
export function resultRefsOf(result: IdempotencyResult, keyTenant: string | null): IdempotencyView["resultRefs"] {
  const v = result.kind === "json" && result.value !== null && typeof result.value === "object" ? (result.value as Record<string, unknown>) : {};
  const sagaId = typeof v.saga_id === "string" && SAGA_ID.test(v.saga_id) ? v.saga_id : null;
  const tenant = typeof v.tenant_id === "string" ? v.tenant_id : null;
  return { sagaId, tenant, tenantDiffers: tenant !== null && keyTenant !== null && tenant !== keyTenant };
}

/** "POST_/api/v1/tenants" → POST and /api/v1/tenants; anything else is kept raw only. */
function operationOf(raw: string | null): IdempotencyView["operation"] {
  const m = raw === null ? null : /^([A-Z]+)_(\/.*)$/.exec(raw);
  return { raw, method: m?.[1] ?? null, path: m?.[2] ?? null };
}

function ttlOf(expiresAt: string | null, now: number): IdempotencyView["ttl"] {
  const exp = parseIsoMs(expiresAt);
  if (exp === null) return { expired: false, remainingMs: null, label: expiresAt === null ? "no expiry recorded" : `unreadable expiry (${expiresAt})` };
  const remainingMs = exp - now;
  if (remainingMs <= 0) return { expired: true, remainingMs, label: `expired ${formatDuration(-remainingMs)} ago` };
  return { expired: false, remainingMs, label: `expires in ${formatDuration(remainingMs)}` };
}

/** Everything an operator reads off an idempotency record. */
export function toIdempotencyView(
  record: UpstreamIdempotencyRecord,
  opts: { now: number; tenantInUse: string },
): IdempotencyView {
  const known = record.status.value !== "unknown";
  const value = record.status.value;
  const result = parseStoredResult(record.result);
  return {
    key: record.key,
    tenant: record.tenant_id,
    crossTenant: record.tenant_id !== null && record.tenant_id !== opts.tenantInUse,
    userId: record.user_id,
    operation: operationOf(record.operation_type),
    createdAt: record.created_at,
    expiresAt: record.expires_at,
    ttl: ttlOf(record.expires_at, opts.now),
    status: { value, raw: record.status.raw, known, label: enumLabel(record.status), tone: value === "unknown" ? "unknown" : TONES[value] },
    replay: value === "unknown" ? null : (REPLAY[value] ?? null),
    result,
    resultRefs: resultRefsOf(result, record.tenant_id),
    error: record.error,
  };
}
