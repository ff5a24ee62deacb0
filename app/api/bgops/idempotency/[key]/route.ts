import { z } from "zod";
import { keyParams, viaField } from "@/app/api/bgops/params";
import type { IdempotencyKeyResponse, KeySagaRef } from "@/components/bgops/api-types";
import { NO_KEY_SAGAS } from "@/components/bgops/messages";
import { toIdempotencyView } from "@/lib/domain/idempotency-view";
import { toSagaView } from "@/lib/domain/saga-view";
import { ApiError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { bgopsContext, getBgopsService, loadIdempotencyKey, loadSagaList, otherSource, shouldAuditLookup, sourceLabel, toBgopsApiError } from "@/lib/server/bgops";

const query = z.object({ via: viaField });
const SAGA_SCAN_LIMIT = 500;

async function sagasReferencing(key: string, ctx: ReturnType<typeof bgopsContext>): Promise<{ sagas: KeySagaRef[] | null; note: string }> {
  if (!getBgopsService().hasRedis) return { sagas: null, note: NO_KEY_SAGAS };
  try {
    const { value } = await loadSagaList({ limit: SAGA_SCAN_LIMIT });
    const now = Date.now();
    const sagas = value.result.items
      .filter((s) => s.idempotency_key === key)
      .map((s) => {
        const h = toSagaView(s, [], { now, stuckAfterMs: ctx.stuckAfterMs, tenantInUse: ctx.tenantInUse });
        return { id: h.id, status: h.status.label, tone: h.status.tone, tenant: h.tenant, workflowType: h.workflowType, crossTenant: h.crossTenant };
      });
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
  const refs = await sagasReferencing(key, context);
  const body: IdempotencyKeyResponse = {
    key,
    via: answer.via,
    fallbackReason: answer.fallbackReason ?? null,
    signature: answer.signature ?? null,
    fetchedAt: loaded.fetchedAt,
    context,
    view: toIdempotencyView(answer.result.value, { now: Date.now(), tenantInUse: context.tenantInUse }),
    upstreamSource: answer.result.upstreamSource,
    raw: answer.result.raw,
    sagas: refs.sagas,
    sagasNote: refs.note,
  };
  return body;
});
