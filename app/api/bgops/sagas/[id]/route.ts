import { z } from "zod";
import { sagaIdParams, viaField } from "@/app/api/bgops/params";
import type { SagaDetailResponse } from "@/components/bgops/api-types";
import { sagaVerdict } from "@/lib/domain/saga-verdict";
import { toSagaView } from "@/lib/domain/saga-view";
import { ApiError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { bgopsContext, loadSagaDetail, otherSource, shouldAuditLookup, sourceLabel, toBgopsApiError, sourceFields } from "@/lib/server/bgops";

const query = z.object({ via: viaField, raw: z.enum(["1", "0"]).optional() });

// A saga, its history and the header/verdict view models; `raw=1` adds the payloads as they came.
export const GET = route({ role: "viewer", params: sagaIdParams, query }, async ({ params, query, user, audit }) => {
  const { id } = params;
  if (shouldAuditLookup(user.id, "saga.view", id)) await audit("saga.view", id, query.via ? { via: query.via } : undefined);
  const loaded = await loadSagaDetail(id, query.via).catch((e: unknown) => {
    throw toBgopsApiError(e);
  });
  const { saga, history, historyFailure } = loaded.value;
  const items = history?.result.items ?? [];
  const historyError = history?.result.error ?? historyFailure?.message ?? null;
  const found = saga.result.found ? saga.result : null;
  if (!found && items.length === 0 && !historyError) {
    const other = otherSource(saga.via);
    throw new ApiError("not_found", `Saga ${id} not found in ${sourceLabel(saga.via)}.`, {
      source: saga.via,
      otherSource: other,
      reason: saga.result.found ? null : saga.result.reason,
    });
  }
  const context = bgopsContext();
  const now = Date.now();
  const body: SagaDetailResponse = {
    id,
    ...sourceFields(saga, loaded.fetchedAt),
    context,
    saga: found?.value ?? null,
    sagaNotFoundReason: saga.result.found ? null : saga.result.reason,
    sagaSource: found?.upstreamSource ?? null,
    history: items,
    historyVia: history?.via ?? null,
    historyFallbackReason: history?.fallbackReason ?? null,
    historyError,
    historyInvalidItems: history?.result.invalidItems.length ?? 0,
    view: found
      ? {
          header: toSagaView(found.value, items, { now, stuckAfterMs: context.stuckAfterMs, tenantInUse: context.tenantInUse }),
          verdict: sagaVerdict(found.value, items, { now, stuckAfterMs: context.stuckAfterMs }),
        }
      : null,
  };
  if (query.raw === "1") body.raw = { saga: found?.raw ?? null, history: history?.result.raw ?? null };
  return body;
});
