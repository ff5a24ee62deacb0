import { z } from "zod";
import { filterField, limitField } from "@/app/api/bgops/params";
import type { SagaListResponse } from "@/components/bgops/api-types";
import { NO_LIST_ROUTE } from "@/components/bgops/messages";
import { toSagaView } from "@/lib/domain/saga-view";
import { ApiError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { bgopsContext, getBgopsService, loadSagaList, shouldAuditLookup, toBgopsApiError, sourceFields } from "@/lib/server/bgops";

const query = z.object({ status: filterField, tenant: filterField, workflow: filterField, limit: limitField(100) });

// Recent sagas by a bounded SCAN of bgops:saga:* — Redis only (CONTRACT §2: no list route).
export const GET = route({ role: "viewer", query }, async ({ query, user, audit }) => {
  if (!getBgopsService().hasRedis) throw new ApiError("not_configured", NO_LIST_ROUTE);
  const filters = { status: query.status, tenant: query.tenant, workflowType: query.workflow };
  if (shouldAuditLookup(user.id, "saga.view", `list ${JSON.stringify(filters)}`)) await audit("saga.view", "(list)", filters);
  const loaded = await loadSagaList({ limit: query.limit, ...filters }).catch((e: unknown) => {
    throw toBgopsApiError(e);
  });
  const context = bgopsContext();
  const now = Date.now();
  const { result } = loaded.value;
  const body: SagaListResponse = {
    ...sourceFields(loaded.value, loaded.fetchedAt),
    context,
    limit: query.limit,
    items: result.items.map((s) => ({ header: toSagaView(s, [], { now, stuckAfterMs: context.stuckAfterMs, tenantInUse: context.tenantInUse }), stepCount: s.steps.length })),
    scannedKeys: result.scannedKeys,
    complete: result.complete,
    unreadable: result.unreadable,
  };
  return body;
});
