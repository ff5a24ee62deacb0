import { z } from "zod";
import { keyParams, sagaIdField, viaField } from "@/app/api/bgops/params";
import type { IdempotencyKeyResponse, KeySagaRef } from "@/components/bgops/api-types";
import { NO_KEY_SAGAS } from "@/components/bgops/messages";
import { toIdempotencyView } from "@/lib/domain/idempotency-view";
import { toSagaView } from "@/lib/domain/saga-view";
import { ApiError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import type { UpstreamSaga } from "@/lib/upstream/schemas/bgops";
import { bgopsContext, getBgopsService, loadIdempotencyKey, loadSagaDetail, loadSagaList, otherSource, shouldAuditLookup, sourceLabel, toBgopsApiError, sourceFields } from "@/lib/server/bgops";

// `saga`: the saga the user came from; its tenant is compared with the key's even without Redis listing.
const query = z.object({ via: viaField, saga: sagaIdField.optional() });
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

export const GET = route({ role: "viewer", params: keyParams, query }, async ({ params, query, user, audit }) => {
  const { key } = params;
  if (shouldAuditLookup(user.id, "idempotency.view", key)) await audit("idempotency.view", key, query.via ? { via: query.via } : undefined);
  const loaded = await loadIdempotencyKey(key, query.via).catch((e: unknown) => {
    throw toBgopsApiError(e);
  });
  const answer = loaded.value;
  if (!answer.result.found) {
    throw new ApiError("not_found", `Idempotency key ${key} not found in ${sourceLabel(answer.via)}.`, {
      source: answer.via,
      otherSource: otherSource(answer.via),
      reason: answer.result.reason,
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
  const body: IdempotencyKeyResponse = {
    key,
    ...sourceFields(answer, loaded.fetchedAt),
    context,
    view: toIdempotencyView(record, { now: Date.now(), tenantInUse: context.tenantInUse }),
    upstreamSource: answer.result.upstreamSource,
    raw: answer.result.raw,
    sagas,
    sagasNote,
  };
  return body;
});
