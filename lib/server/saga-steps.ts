import "server-only";
import { z } from "zod";
import { toSagaSteps } from "@/lib/domain/saga-steps";
import { pageSteps, STEPS_PAGE_MAX, type StepsPage } from "@/lib/domain/saga-steps-page";
import { ApiError } from "@/lib/http/errors";
import { authorize, parseInput } from "@/lib/server/access";
import { loadSagaDetail, sourceLabel, toBgopsApiError } from "@/lib/server/bgops";
import { sagaIdField, viaField } from "@/lib/server/bgops-input";
import { intField } from "@/lib/server/saga-history";

const stepsQuery = z.object({ via: viaField, limit: intField(STEPS_PAGE_MAX, STEPS_PAGE_MAX, 1) });
export type SagaStepsInput = { id: string } & Partial<Record<"via" | "cursor" | "limit", string>>;
export type SagaStepsResponse = StepsPage & { id: string; fetchedAt: number };

const CURSOR_HELP = "use the nextCursor of the previous page, or 0 for the first page";

/**
 * The cursor is a step position this API handed out (nextCursor): one that is not a whole number is a broken
 * request (400), not a filter to correct (422).
 */
export function parseStepsCursor(raw: string | undefined): number {
  if (raw === undefined || raw === "") return 0;
  if (!/^\d{1,7}$/.test(raw)) throw new ApiError("invalid_input", `Invalid cursor "${raw.slice(0, 40)}": ${CURSOR_HELP}.`, [{ field: "cursor", message: "must be a whole number" }]);
  return Number(raw);
}

/** A cursor past the saga's last step cannot have come from a page of this saga. */
export function checkStepsCursor(cursor: number, total: number): void {
  if (cursor <= total) return;
  throw new ApiError("invalid_input", `Invalid cursor ${cursor}: the saga has ${total} steps; ${CURSOR_HELP}.`, [{ field: "cursor", message: `must be at most ${total}` }]);
}

/** Everything a steps request says, checked before anything is asked of the platform. */
export function parseStepsInput(input: SagaStepsInput): { id: string; cursor: number; limit: number; via?: "api" | "redis" } {
  const id = parseInput(sagaIdField, input.id, "path parameter", "invalid_input");
  const cursor = parseStepsCursor(input.cursor);
  const { via, limit } = parseInput(stepsQuery, { via: input.via, limit: input.limit }, "query");
  return { id, cursor, limit, via };
}

/**
 * One page (≤ 500) of a saga's steps as the steps table shows them, in saga order. Attempts, durations and
 * compensation errors are computed over the whole saga and history, as in the detail; the upstream read is the
 * detail's own (coalesced), so paging costs the platform nothing extra.
 */
export async function getSagaStepsPage(input: SagaStepsInput): Promise<SagaStepsResponse> {
  await authorize("viewer");
  const { id, cursor, limit, via } = parseStepsInput(input);
  const loaded = await loadSagaDetail(id, via).catch((e: unknown) => {
    throw toBgopsApiError(e);
  });
  const { saga, history } = loaded.value;
  const items = history?.result.items ?? [];
  const found = saga.result.found ? saga.result.value : null;
  if (!found && items.length === 0) throw new ApiError("not_found", `Saga ${id} not found in ${sourceLabel(saga.via)}.`);
  // History without a saga record has no steps: an empty page, not an error.
  const steps = found ? toSagaSteps(found, items, { now: loaded.fetchedAt }) : [];
  checkStepsCursor(cursor, steps.length);
  return { id, fetchedAt: loaded.fetchedAt, ...pageSteps(steps, { cursor, limit }) };
}
