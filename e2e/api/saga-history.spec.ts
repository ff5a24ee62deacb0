import { expect, test } from "@playwright/test";
import { storageStateFor } from "../env";
import { simCatalog } from "../ui/bgops-helpers";

test.use({ storageState: storageStateFor("viewer") });

type Entry = { timestamp: string };
type Page = { items: { seq: number; at: string; stepName: string; kind: string; error: string | null }[]; cursor: number; total: number; historyTotal: number; nextCursor: number | null; firstFailure: { index: number; seq: number } | null };

test("the 10,003-entry saga: the detail carries one sorted page, never the whole history", async ({ request }) => {
  const { sagas } = await simCatalog(request);
  const res = await request.get(`/api/bgops/sagas/${sagas.huge}`);
  expect(res.status()).toBe(200);
  const text = await res.text();
  // Was 4.4 MB (the whole history, every step's parameters and results); now ~2.4 MB, nearly all of it the
  // 5,010 step records the steps table shows.
  expect(text.length, `detail is ${text.length} bytes`).toBeLessThan(2_700_000);
  const body = JSON.parse(text) as { history: Entry[]; historyTotal: number; historyPage: Page; bars: { forward: unknown[]; compensation: unknown[] } };
  expect(body.historyTotal).toBe(10_003);
  expect(body.history.length).toBe(500);
  const times = body.history.map((e) => Date.parse(e.timestamp));
  expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
  expect(body.historyPage.items).toHaveLength(500);
  expect(body.historyPage.firstFailure!.index).toBeGreaterThan(500);
  expect(body.bars.forward.length + body.bars.compensation.length).toBeLessThan(400);
});

test("history pages: ≤ 500 entries, sorted, contiguous; step search and status filter; bad input refused", async ({ request }) => {
  const { sagas } = await simCatalog(request);
  const base = `/api/bgops/sagas/${sagas.huge}/history`;
  const p1 = (await (await request.get(`${base}?limit=500`)).json()) as Page;
  const p2 = (await (await request.get(`${base}?cursor=${p1.nextCursor}&limit=500`)).json()) as Page;
  expect(p1.items).toHaveLength(500);
  expect(p2.items[0]!.seq).toBe(p1.items.at(-1)!.seq + 1);
  expect(Date.parse(p2.items[0]!.at)).toBeGreaterThanOrEqual(Date.parse(p1.items.at(-1)!.at));
  const fail = (await (await request.get(`${base}?cursor=${p1.firstFailure!.index}&limit=1`)).json()) as Page;
  expect(fail.items[0]).toMatchObject({ kind: "forward-failed", error: expect.stringContaining("rate limited") });
  const search = (await (await request.get(`${base}?step=${encodeURIComponent("BATCH 5002")}`)).json()) as Page;
  expect(search.items.map((e) => e.stepName)).toContain("Import customer batch 5002");
  expect(search.items.every((e) => e.stepName.toLowerCase().includes("batch 5002"))).toBe(true);
  const failed = (await (await request.get(`${base}?status=failed`)).json()) as Page;
  expect(failed.items.map((e) => e.kind)).toEqual(["forward-failed"]);
  for (const bad of ["limit=501", "cursor=-1", "cursor=abc", `step=${"x".repeat(200)}`]) {
    const r = await request.get(`${base}?${bad}`);
    expect(r.status(), bad).toBe(422);
    expect((await r.json()).error.code).toBe("validation_failed");
  }
  expect((await request.get(`/api/bgops/sagas/${sagas.unknown}/history`)).status()).toBe(404);
});
