import "server-only";
import { z } from "zod";
import type { IdempotencyKeyResponse, IdempotencyListResponse, KeySagaRef } from "@/components/bgops/api-types";
import { NO_KEY_SAGAS } from "@/components/bgops/messages";
import type { ConsoleUser } from "@/lib/auth/roles";
import { toIdempotencyView } from "@/lib/domain/idempotency-view";
import { toSagaView } from "@/lib/domain/saga-view";
import { ApiError } from "@/lib/http/errors";
import { auditAs, authorize, parseInput } from "@/lib/server/access";
import { bgopsContext, getBgopsService, loadIdempotencyKey, loadIdempotencyList, loadSagaDetail, loadSagaList, notFoundReport, otherSource, shouldAuditLookup, sourceFields, toBgopsApiError } from "@/lib/server/bgops";
import { filterField, limitField, parseKeyField, sagaIdField, viaField } from "@/lib/server/bgops-input";
import { processState } from "@/lib/server/process-state";
import { expiredKeyMessage, RecentKeys } from "@/lib/bgops/recent-keys";
import type { UpstreamSaga } from "@/lib/upstream/schemas/bgops";

// `saga`: the saga the user came from; its tenant is compared with the key's even without Redis listing.
const keyQuery = z.object({ via: viaField, saga: sagaIdField.optional() });
/** Raw strings from a URL: validated here, whoever calls. */
export type IdempotencyKeyInput = { key: string; via?: string; saga?: string };
const SAGA_SCAN_LIMIT = 500;

function toRef(s: UpstreamSaga, keyTenant: string | null, ctx: ReturnType<typeof bgopsContext>): KeySagaRef {
  const h = toSagaView(s, [], { now: Date.now(), stuckAfterMs: ctx.stuckAfterMs, tenantInUse: ctx.tenantInUse });
  return {
    id: h.id,
    status: h.status.label,
    tone: h.status.tone,
    tenant: h.tenant,
    workflowType: h.workflowType,
    crossTenant: h.crossTenant,
    keyTenantDiffers: keyTenant !== null && h.tenant !== null && keyTenant !== h.tenant,
  };
}

/** The saga the user came from, when it really references this key (a cheap, coalesced look-up). */
async function originSaga(sagaId: string | undefined, key: string): Promise<UpstreamSaga | null> {
  if (!sagaId) return null;
  try {
    const { value } = await loadSagaDetail(sagaId);
    return value.saga.result.found && value.saga.result.value.idempotency_key === key ? value.saga.result.value : null;
  } catch {
    return null;
  }
}

async function sagasReferencing(key: string, keyTenant: string | null, ctx: ReturnType<typeof bgopsContext>): Promise<{ sagas: KeySagaRef[] | null; note: string }> {
  if (!getBgopsService().hasRedis) return { sagas: null, note: NO_KEY_SAGAS };
  try {
    const { value } = await loadSagaList({ limit: SAGA_SCAN_LIMIT });
    const sagas = value.result.items.filter((s) => s.idempotency_key === key).map((s) => toRef(s, keyTenant, ctx));
    const scope = `among the ${value.result.items.length} most recent sagas in Redis${value.result.complete ? "" : " (the scan stopped early; older sagas were not searched)"}`;
    return { sagas, note: sagas.length ? `Found ${scope}.` : `No saga references this key ${scope}.` };
  } catch (e) {
    return { sagas: null, note: `The sagas referencing this key could not be listed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** One idempotency key: its view model, the sagas that reference it, where it came from. */
export async function getIdempotencyKey(input: IdempotencyKeyInput): Promise<IdempotencyKeyResponse> {
  const user = await authorize("viewer");
  const key = parseInput(parseKeyField, input.key, "path parameter", "invalid_input");
  const query = parseInput(keyQuery, { via: input.via, saga: input.saga }, "query");
  if (shouldAuditLookup(user.id, "idempotency.view", key)) await auditAs(user, { action: "idempotency.view", target: key, details: query.via ? { via: query.via } : undefined });
  const loaded = await loadIdempotencyKey(key, query.via).catch((e: unknown) => {
    throw toBgopsApiError(e);
  });
  const answer = loaded.value;
  if (!answer.result.found) {
    const expired = answer.result.expired ?? recentKeys().expired(key);
    if (expired) {
      // Gone from every source: offering the other one would only bounce between two 404s.
      throw new ApiError("not_found", expiredKeyMessage(key, expired), { source: answer.via, otherSource: null, reason: "expired", expired });
    }
    const report = await notFoundReport(answer, query.via, () => getBgopsService().getIdempotency(key, { via: "redis" }));
    // The API cannot tell expired from unknown (404 either way); Redis's index, asked alongside, can.
    const expiredInRedis = report.other && !report.other.found ? report.other.expired : undefined;
    if (expiredInRedis) throw new ApiError("not_found", expiredKeyMessage(key, expiredInRedis), { source: answer.via, otherSource: null, reason: "expired", expired: expiredInRedis });
    throw new ApiError("not_found", `Idempotency key ${key}: ${report.sentence}.`, {
      source: answer.via,
      otherSource: otherSource(answer.via, report.sources),
      everySourceAnswered: report.everySourceAnswered,
      reason: answer.result.reason,
      sources: report.sources,
    });
  }
  const context = bgopsContext();
  const record = answer.result.value;
  const [refs, origin] = await Promise.all([sagasReferencing(key, record.tenant_id, context), originSaga(query.saga, key)]);
  let sagas = refs.sagas;
  let sagasNote = refs.note;
  if (origin && !sagas?.some((s) => s.id === origin.saga_id)) {
    sagas = [toRef(origin, record.tenant_id, context), ...(sagas ?? [])];
    if (!refs.sagas) sagasNote = `The saga you came from references this key. ${refs.note}`;
  }
  return {
    key,
    ...sourceFields(answer, loaded.fetchedAt),
    context,
    view: toIdempotencyView(record, { now: Date.now(), tenantInUse: context.tenantInUse }),
    upstreamSource: answer.result.upstreamSource,
    raw: answer.result.raw,
    sagas,
    sagasNote,
  };
}

// limit is checked here (1–500, 422 otherwise) before anything is sent upstream.
const listInput = z.object({ limit: limitField(50), status: filterField, tenant: filterField, operation: filterField });
export type IdempotencyListInput = Partial<Record<"limit" | "status" | "tenant" | "operation", string>>;

/** The recent keys, filtered here (the platform's list has no filters). */
export async function listIdempotencyKeys(input: IdempotencyListInput): Promise<IdempotencyListResponse> {
  const user = await authorize("viewer");
  const query = parseInput(listInput, input, "query");
  const filters = { status: query.status, tenant: query.tenant, operation: query.operation };
  await auditListLookup(user, query.limit, filters);
  const loaded = await loadIdempotencyList(query.limit).catch((e: unknown) => {
    throw toBgopsApiError(e);
  });
  const context = bgopsContext();
  const now = Date.now();
  const { result } = loaded.value;
  for (const r of result.items) if (r.key) recentKeys().remember(r.key, r.created_at ?? null);
  const op = query.operation?.toLowerCase() ?? null;
  const views = result.items
    .map((r) => toIdempotencyView(r, { now, tenantInUse: context.tenantInUse }))
    .filter(
      (v) =>
        (!query.status || v.status.value === query.status || v.status.raw === query.status) &&
        (!query.tenant || v.tenant === query.tenant) &&
        (!op || (v.operation.raw ?? "").toLowerCase().includes(op)),
    );
  return {
    ...sourceFields(loaded.value, loaded.fetchedAt),
    context,
    limit: query.limit,
    reportedCount: result.reportedCount,
    received: result.items.length,
    items: views,
    error: result.error,
    invalidItems: result.invalidItems.length,
    upstreamSource: result.upstreamSource,
  };
}

function recentKeys(): RecentKeys {
  processState.recentKeys ??= new RecentKeys();
  return processState.recentKeys;
}

async function auditListLookup(user: ConsoleUser, limit: number, filters: Record<string, string | null>) {
  if (shouldAuditLookup(user.id, "idempotency.view", `list ${limit} ${JSON.stringify(filters)}`)) {
    await auditAs(user, { action: "idempotency.view", target: "(list)", details: { limit, ...filters } });
  }
}
