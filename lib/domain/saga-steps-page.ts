import type { SagaStepView } from "@/lib/domain/saga-steps";

/** A page of steps from the API; the first paint carries fewer (a bulk import has thousands of steps). */
export const STEPS_PAGE_MAX = 500;
export const STEPS_FIRST_PAGE = 50;
/** Steps past the first page that the page shows anyway: bounded, so a pathological saga stays bounded too. */
export const NOTABLE_MAX = 50;

export interface StepsPage {
  /** Steps in saga order, from `cursor`. */
  items: SagaStepView[];
  cursor: number;
  total: number;
  nextCursor: number | null;
}

export interface FirstStepsPage extends StepsPage {
  /**
   * Steps past the first page that the verdict and header name (the failed one, a failed compensation, the
   * current one): shown in the first paint whatever page is loaded. At most NOTABLE_MAX.
   */
  notable: SagaStepView[];
}

/** Steps from `cursor` (0 ≤ cursor ≤ total, checked by the caller), never more than STEPS_PAGE_MAX. */
export function pageSteps(steps: readonly SagaStepView[], q: { cursor: number; limit: number }): StepsPage {
  const limit = Math.min(Math.max(1, q.limit), STEPS_PAGE_MAX);
  const cursor = Math.min(Math.max(0, q.cursor), steps.length);
  const end = Math.min(cursor + limit, steps.length);
  return { items: steps.slice(cursor, end), cursor, total: steps.length, nextCursor: end < steps.length ? end : null };
}

/** What makes a step worth showing before it is paged in. */
export function isNotableStep(s: SagaStepView): boolean {
  return s.isCurrent || s.status.value === "failed" || s.compensation.state === "failed";
}

/** The first paint's steps: the first `limit`, plus the notable ones after them. */
export function firstStepsPage(steps: readonly SagaStepView[], limit = STEPS_FIRST_PAGE): FirstStepsPage {
  const page = pageSteps(steps, { cursor: 0, limit });
  const rest = page.nextCursor === null ? [] : steps.slice(page.nextCursor);
  const notable: SagaStepView[] = [];
  for (const s of rest) {
    if (!isNotableStep(s)) continue;
    notable.push(s);
    if (notable.length === NOTABLE_MAX) break;
  }
  return { ...page, notable };
}

export type StepRow = { kind: "step"; step: SagaStepView } | { kind: "gap"; from: number; to: number };

/**
 * Loaded steps in saga order, each once, with a gap row where steps are not loaded yet (1-based numbers, as
 * operators count): "steps 51–4,991 not loaded".
 */
export function stepRows(loaded: readonly SagaStepView[], total: number): StepRow[] {
  const byIndex = new Map<number, SagaStepView>();
  for (const s of loaded) byIndex.set(s.index, s);
  const sorted = [...byIndex.values()].sort((a, b) => a.index - b.index);
  const rows: StepRow[] = [];
  let next = 0;
  for (const s of sorted) {
    if (s.index > next) rows.push({ kind: "gap", from: next + 1, to: s.index });
    rows.push({ kind: "step", step: s });
    next = s.index + 1;
  }
  if (next < total) rows.push({ kind: "gap", from: next + 1, to: total });
  return rows;
}
