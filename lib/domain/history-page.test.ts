import { describe, expect, it } from "vitest";
import { HISTORY_PAGE_MAX, pageHistory } from "@/lib/domain/history-page";
import { toSagaTimeline } from "@/lib/domain/saga-timeline";
import type { UpstreamHistoryEntry } from "@/lib/upstream/schemas/bgops";

// 1,200 completed entries, newest first as the platform's getters return them, one failure at position 900.
const history = Array.from({ length: 1200 }, (_, i) => ({
  timestamp: new Date(Date.UTC(2025, 8, 8, 10) + i * 1000).toISOString(),
  step_id: `step_${i}`,
  step_name: `Import customer batch ${i + 1}`,
  status: { value: i === 900 ? "failed" : "completed" },
  error: i === 900 ? "CRM API rate limited (429)" : null,
  retry_count: 0,
})).reverse() as unknown as UpstreamHistoryEntry[];
const timeline = toSagaTimeline(null, history);

describe("pageHistory", () => {
  it("pages the timestamp-sorted history, at most 500 per page, and says where the first failure is", () => {
    const first = pageHistory(timeline, { cursor: 0, limit: 10_000 });
    expect(first.items).toHaveLength(HISTORY_PAGE_MAX);
    expect(first.items[0]!.stepName).toBe("Import customer batch 1");
    expect(first.items.every((e, i) => i === 0 || e.atMs! >= first.items[i - 1]!.atMs!)).toBe(true);
    expect(first).toMatchObject({ total: 1200, historyTotal: 1200, nextCursor: 500, firstFailure: { index: 900 } });
    const last = pageHistory(timeline, { cursor: 1000, limit: 500 });
    expect(last.items).toHaveLength(200);
    expect(last.nextCursor).toBeNull();
  });

  it("searches steps by name or id and filters by status; the failure's index follows the filter", () => {
    const search = pageHistory(timeline, { cursor: 0, limit: 50, step: "BATCH 90" });
    expect(search.items.map((e) => e.stepName)).toEqual(["Import customer batch 90", ...Array.from({ length: 10 }, (_, i) => `Import customer batch ${900 + i}`)]);
    expect(search.firstFailure).toEqual({ index: 2, seq: 900 });
    expect(pageHistory(timeline, { cursor: 0, limit: 50, step: "step_1199" }).items.map((e) => e.stepId)).toEqual(["step_1199"]);
    const failed = pageHistory(timeline, { cursor: 0, limit: 50, status: "failed" });
    expect(failed.items.map((e) => e.error)).toEqual(["CRM API rate limited (429)"]);
    expect(pageHistory(timeline, { cursor: 0, limit: 50, step: "batch 1" , status: "compensated" }).firstFailure).toBeNull();
  });
});
