import { z } from "zod";
import { filterField, limitField } from "@/app/api/bgops/params";
import type { IdempotencyListResponse } from "@/components/bgops/api-types";
import { toIdempotencyView } from "@/lib/domain/idempotency-view";
import { route } from "@/lib/http/route";
import { bgopsContext, loadIdempotencyList, shouldAuditLookup, toBgopsApiError, sourceFields } from "@/lib/server/bgops";

// limit is checked here (1–500, 422 otherwise) before anything is sent upstream.
const query = z.object({ limit: limitField(50), status: filterField, tenant: filterField, operation: filterField });

export const GET = route({ role: "viewer", query }, async ({ query, user, audit }) => {
  const filters = { status: query.status, tenant: query.tenant, operation: query.operation };
  if (shouldAuditLookup(user.id, "idempotency.view", `list ${query.limit} ${JSON.stringify(filters)}`)) {
    await audit("idempotency.view", "(list)", { limit: query.limit, ...filters });
  }
  const loaded = await loadIdempotencyList(query.limit).catch((e: unknown) => {
    throw toBgopsApiError(e);
  });
  const context = bgopsContext();
  const now = Date.now();
  const { result } = loaded.value;
  const op = query.operation?.toLowerCase() ?? null;
  const views = result.items
    .map((r) => toIdempotencyView(r, { now, tenantInUse: context.tenantInUse }))
    .filter(
      (v) =>
        (!query.status || v.status.value === query.status || v.status.raw === query.status) &&
        (!query.tenant || v.tenant === query.tenant) &&
        (!op || (v.operation.raw ?? "").toLowerCase().includes(op)),
    );
  const body: IdempotencyListResponse = {
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
  return body;
});
