import { filterHistory } from "@/lib/domain/filter-history";
import type { SagaTimeline, TimelineEvent } from "@/lib/domain/saga-timeline";

export const HISTORY_PAGE_MAX = 500;
/** The page that comes with the saga: the list shows ~30 rows, and every entry costs the first paint's HTML. */
export const HISTORY_FIRST_PAGE = 100;

export interface HistoryPageQuery {
  /** Position in the filtered, timestamp-sorted history to start from. */
  cursor: number;
  limit: number;
  /** Case-insensitive search in step name and step id ("batch 501", "step_12"). */
  step?: string | null;
  /** A stored status ("failed") or an unknown one's raw text. */
  status?: string | null;
}

export interface HistoryPage {
  items: TimelineEvent[];
  cursor: number;
  /** Entries matching the filter, and in the whole history. */
  total: number;
  historyTotal: number;
  nextCursor: number | null;
  /** Where the first failure sits in the filtered list (null: filtered out or none), for "jump to first failure". */
  firstFailure: { index: number; seq: number } | null;
}

/** One page of the sorted history, filtered by a step search and a status, never more than HISTORY_PAGE_MAX entries. */
export function pageHistory(timeline: SagaTimeline, q: HistoryPageQuery): HistoryPage {
  const needle = q.step?.trim().toLowerCase() || null;
  const byStatus = q.status ? filterHistory(timeline.events, { status: q.status }) : timeline.events;
  const rows = needle ? byStatus.filter((e) => e.stepName.toLowerCase().includes(needle) || (e.stepId ?? "").toLowerCase().includes(needle)) : byStatus;
  const limit = Math.min(Math.max(1, q.limit), HISTORY_PAGE_MAX);
  const cursor = Math.min(Math.max(0, q.cursor), rows.length);
  const end = Math.min(cursor + limit, rows.length);
  const index = timeline.firstFailureSeq === null ? -1 : rows.findIndex((e) => e.seq === timeline.firstFailureSeq);
  return {
    items: rows.slice(cursor, end),
    cursor,
    total: rows.length,
    historyTotal: timeline.events.length,
    nextCursor: end < rows.length ? end : null,
    firstFailure: index === -1 ? null : { index, seq: timeline.firstFailureSeq! },
  };
}
