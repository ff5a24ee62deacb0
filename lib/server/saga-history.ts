import "server-only";
import { z } from "zod";
import { pageHistory, HISTORY_PAGE_MAX, type HistoryPage } from "@/lib/domain/history-page";
import { toSagaTimeline } from "@/lib/domain/saga-timeline";
import { ApiError } from "@/lib/http/errors";
import { authorize, parseInput } from "@/lib/server/access";
import { loadSagaDetail, sourceLabel, toBgopsApiError } from "@/lib/server/bgops";
import { filterField, sagaIdField, viaField } from "@/lib/server/bgops-input";

/** A whole number from a query string, or `fallback` when absent. */
export const intField = (fallback: number, max: number, min = 0) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return fallback;
      if (!/^\d{1,7}$/.test(v) || Number(v) > max || Number(v) < min) {
        ctx.addIssue({ code: "custom", message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return Number(v);
    });

const historyQuery = z.object({
  via: viaField,
  cursor: intField(0, 10_000_000),
  limit: intField(HISTORY_PAGE_MAX, HISTORY_PAGE_MAX, 1),
  step: filterField,
  status: filterField,
});
export type SagaHistoryInput = { id: string } & Partial<Record<"via" | "cursor" | "limit" | "step" | "status", string>>;
export type SagaHistoryResponse = HistoryPage & { id: string; fetchedAt: number };

/**
 * One page (≤ 500 entries) of a saga's history, sorted by timestamp and classified, filtered by a step search
 * and a status: a 10,000-entry history reaches the browser a page at a time. The upstream read is the detail's
 * own (coalesced), so paging costs the platform nothing extra.
 */
export async function getSagaHistoryPage(input: SagaHistoryInput): Promise<SagaHistoryResponse> {
  await authorize("viewer");
  const id = parseInput(sagaIdField, input.id, "path parameter", "invalid_input");
  const q = parseInput(historyQuery, { via: input.via, cursor: input.cursor, limit: input.limit, step: input.step, status: input.status }, "query");
  const loaded = await loadSagaDetail(id, q.via).catch((e: unknown) => {
    throw toBgopsApiError(e);
  });
  const { saga, history } = loaded.value;
  const items = history?.result.items ?? [];
  const found = saga.result.found ? saga.result.value : null;
  if (!found && items.length === 0) throw new ApiError("not_found", `Saga ${id} not found in ${sourceLabel(saga.via)}.`);
  const timeline = toSagaTimeline(found, items, { now: loaded.fetchedAt });
  return { id, fetchedAt: loaded.fetchedAt, ...pageHistory(timeline, { cursor: q.cursor, limit: q.limit, step: q.step, status: q.status }) };
}
