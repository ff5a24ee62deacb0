import "server-only";
import { z } from "zod";
import type { SagaDetailResponse, SagaListResponse, SagaSummary } from "@/components/bgops/api-types";
import { NO_LIST_ROUTE } from "@/components/bgops/messages";
import { HISTORY_FIRST_PAGE, pageHistory } from "@/lib/domain/history-page";
import { toSagaBars } from "@/lib/domain/saga-bars";
import { toSagaSteps } from "@/lib/domain/saga-steps";
import { firstStepsPage } from "@/lib/domain/saga-steps-page";
import { toSagaTimeline } from "@/lib/domain/saga-timeline";
import { sagaVerdict } from "@/lib/domain/saga-verdict";
import { toSagaView } from "@/lib/domain/saga-view";
import { ApiError } from "@/lib/http/errors";
import type { UpstreamSaga } from "@/lib/upstream/schemas/bgops";
import { auditAs, authorize, parseInput } from "@/lib/server/access";
import { bgopsContext, getBgopsService, loadSagaDetail, loadSagaList, notFoundReport, otherSource, shouldAuditLookup, sourceFields, toBgopsApiError } from "@/lib/server/bgops";
import { filterField, limitField, sagaIdField, viaField } from "@/lib/server/bgops-input";

/** The saga record without its steps: they travel as view rows, a page at a time (a bulk import has thousands). */
function sagaSummary(saga: UpstreamSaga): SagaSummary {
  const { steps: _steps, ...rest } = saga;
  return { ...rest, stepCount: saga.steps.length };
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
      otherSource: otherSource(saga.via, report.sources),
      everySourceAnswered: report.everySourceAnswered,
      reason: saga.result.found ? null : saga.result.reason,
      sources: report.sources,
    });
  }
  const context = bgopsContext();
  const now = Date.now();
  const timeline = toSagaTimeline(found?.value ?? null, items, { now: loaded.fetchedAt });
  const firstPage = pageHistory(timeline, { cursor: 0, limit: HISTORY_FIRST_PAGE });
  // Every step, over the whole history (compensation errors live only there); the page carries a bounded part.
  const steps = found ? toSagaSteps(found.value, items, { now: loaded.fetchedAt }) : [];
  const body: SagaDetailResponse = {
    id,
    ...sourceFields(saga, loaded.fetchedAt),
    context,
    saga: found ? sagaSummary(found.value) : null,
    sagaNotFoundReason: saga.result.found ? null : saga.result.reason,
    sagaSource: found?.upstreamSource ?? null,
    // First pages only; the rest through /history and /steps pages (a huge saga is megabytes).
    steps: firstStepsPage(steps),
    historyTotal: items.length,
    historyPage: firstPage,
    bars: toSagaBars(found?.value ?? null, timeline, { now: loaded.fetchedAt }),
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
