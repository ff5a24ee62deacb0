import "server-only";
import { z } from "zod";
import type { SagaDetailResponse, SagaListResponse } from "@/components/bgops/api-types";
import { NO_LIST_ROUTE } from "@/components/bgops/messages";
import { HISTORY_PAGE_MAX, pageHistory } from "@/lib/domain/history-page";
import { toSagaBars } from "@/lib/domain/saga-bars";
import { toSagaSteps } from "@/lib/domain/saga-steps";
import { toSagaTimeline } from "@/lib/domain/saga-timeline";
import { sortWithTimes } from "@/lib/domain/sort-history";
import { sagaVerdict } from "@/lib/domain/saga-verdict";
import { toSagaView } from "@/lib/domain/saga-view";
import { ApiError } from "@/lib/http/errors";
import type { UpstreamHistoryEntry, UpstreamSaga } from "@/lib/upstream/schemas/bgops";
import { auditAs, authorize, parseInput } from "@/lib/server/access";
import { bgopsContext, getBgopsService, loadSagaDetail, loadSagaList, notFoundReport, otherSource, shouldAuditLookup, sourceFields, toBgopsApiError } from "@/lib/server/bgops";
import { filterField, limitField, sagaIdField, viaField } from "@/lib/server/bgops-input";

/** Step parameters and results are only in the raw view (`raw=1`): a 5,000-step saga carries megabytes of them. */
function slimSaga(saga: UpstreamSaga): UpstreamSaga {
  return { ...saga, steps: saga.steps.map((st) => ({ ...st, parameters: null, compensation_parameters: null, result: null })) };
}

/** A compensation's exception text lives only in history; the steps table needs it whatever page is loaded. */
function compensationErrors(saga: UpstreamSaga, items: readonly UpstreamHistoryEntry[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of toSagaSteps(saga, items)) if (s.compensation.error) out[s.id] = s.compensation.error;
  return out;
}

const detailQuery = z.object({ via: viaField, raw: z.enum(["1", "0"]).optional() });
/** Raw strings from a URL: validated here, whoever calls. */
export type SagaDetailInput = { id: string; via?: string; raw?: string };

/** A saga, its history and the header/verdict view models; `raw: "1"` adds the payloads as they came. */
export async function getSagaDetail(input: SagaDetailInput): Promise<SagaDetailResponse> {
  const user = await authorize("viewer");
  const id = parseInput(sagaIdField, input.id, "path parameter", "invalid_input");
  const { via, raw } = parseInput(detailQuery, { via: input.via, raw: input.raw }, "query");
  if (shouldAuditLookup(user.id, "saga.view", id)) await auditAs(user, { action: "saga.view", target: id, details: via ? { via } : undefined });
  const loaded = await loadSagaDetail(id, via).catch((e: unknown) => {
    throw toBgopsApiError(e);
  });
  const { saga, history, historyFailure } = loaded.value;
  const items = history?.result.items ?? [];
  const historyError = history?.result.error ?? historyFailure?.message ?? null;
  const found = saga.result.found ? saga.result : null;
  if (!found && items.length === 0 && !historyError) {
    const report = await notFoundReport(saga, via, () => getBgopsService().getSaga(id, { via: "redis" }));
    throw new ApiError("not_found", `Saga ${id}: ${report.sentence}.`, {
      source: saga.via,
      otherSource: otherSource(saga.via),
      reason: saga.result.found ? null : saga.result.reason,
      sources: report.sources,
    });
  }
  const context = bgopsContext();
  const now = Date.now();
  const timeline = toSagaTimeline(found?.value ?? null, items, { now: loaded.fetchedAt });
  const firstPage = pageHistory(timeline, { cursor: 0, limit: HISTORY_PAGE_MAX });
  const body: SagaDetailResponse = {
    id,
    ...sourceFields(saga, loaded.fetchedAt),
    context,
    saga: found ? slimSaga(found.value) : null,
    sagaNotFoundReason: saga.result.found ? null : saga.result.reason,
    sagaSource: found?.upstreamSource ?? null,
    // The first page only, in timestamp order; the rest through /history pages (a huge saga is megabytes).
    history: sortWithTimes(items).slice(0, HISTORY_PAGE_MAX).map((x) => x.entry),
    historyTotal: items.length,
    historyPage: firstPage,
    bars: toSagaBars(found?.value ?? null, timeline, { now: loaded.fetchedAt }),
    compensationErrors: found ? compensationErrors(found.value, items) : {},
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
  if (raw === "1") body.raw = { saga: found?.raw ?? null, history: history?.result.raw ?? null };
  return body;
}

const listInput = z.object({ status: filterField, tenant: filterField, workflow: filterField, limit: limitField(100) });
export type SagaListInput = Partial<Record<"status" | "tenant" | "workflow" | "limit", string>>;

/** Recent sagas by a bounded SCAN of bgops:saga:* — Redis only (the platform has no list route). */
export async function listSagas(input: SagaListInput): Promise<SagaListResponse> {
  const user = await authorize("viewer");
  const query = parseInput(listInput, input, "query");
  if (!getBgopsService().hasRedis) throw new ApiError("not_configured", NO_LIST_ROUTE);
  const filters = { status: query.status, tenant: query.tenant, workflowType: query.workflow };
  if (shouldAuditLookup(user.id, "saga.view", `list ${JSON.stringify(filters)}`)) await auditAs(user, { action: "saga.view", target: "(list)", details: filters });
  const loaded = await loadSagaList({ limit: query.limit, ...filters }).catch((e: unknown) => {
    throw toBgopsApiError(e);
  });
  const context = bgopsContext();
  const now = Date.now();
  const { result } = loaded.value;
  return {
    ...sourceFields(loaded.value, loaded.fetchedAt),
    context,
    limit: query.limit,
    items: result.items.map((s) => ({ header: toSagaView(s, [], { now, stuckAfterMs: context.stuckAfterMs, tenantInUse: context.tenantInUse }), stepCount: s.steps.length })),
    scannedKeys: result.scannedKeys,
    complete: result.complete,
    unreadable: result.unreadable,
  };
}
