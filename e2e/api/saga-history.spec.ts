import { expect, test } from "@playwright/test";
import { storageStateFor } from "../env";
import { simCatalog } from "../ui/bgops-helpers";

test.use({ storageState: storageStateFor("viewer") });

type Page = { items: { seq: number; at: string; stepName: string; kind: string; error: string | null }[]; cursor: number; total: number; historyTotal: number; nextCursor: number | null; firstFailure: { index: number; seq: number } | null };

type Step = { index: number; number: number; name: string; statusLabel: string; error: string | null };
type StepsPage = { items: Step[]; cursor: number; total: number; nextCursor: number | null };

test("the 10,003-entry saga: the detail carries bounded first pages of steps and history, never the whole saga", async ({ request }) => {
  const { sagas } = await simCatalog(request);
  const res = await request.get(`/api/bgops/sagas/${sagas.huge}`);
  expect(res.status()).toBe(200);
  const text = await res.text();
  // Was 4.4 MB (the whole history, every step's parameters and results), then 2.4 MB (the 5,010 step records);
  // now the first 50 steps, the one the verdict names, 100 history entries and the timeline's bars.
  expect(text.length, `detail is ${text.length} bytes`).toBeLessThan(300_000);
  const body = JSON.parse(text) as {
    saga: { steps?: unknown; stepCount: number };
    steps: StepsPage & { notable: Step[] };
    historyTotal: number;
    historyPage: Page;
    bars: { forward: unknown[]; compensation: unknown[] };
    view: { verdict: { text: string } };
  };
  expect(body.historyTotal).toBe(10_003);
  expect(body.saga.steps).toBeUndefined();
  expect(body.saga.stepCount).toBe(5_010);
  expect(body.steps).toMatchObject({ total: 5_010, cursor: 0, nextCursor: 50 });
  expect(body.steps.items.map((s) => s.number)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  // The verdict is the whole saga's, and the step it names is in the first paint.
  expect(body.view.verdict.text).toMatch(/step 5002 'Import customer batch 5002'/);
  expect(body.steps.notable.map((s) => [s.number, s.statusLabel])).toEqual([[5_002, "failed"]]);
  expect(body.historyPage.items).toHaveLength(100);
  const times = body.historyPage.items.map((e) => Date.parse(e.at));
  expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
  expect(body.historyPage).toMatchObject({ total: 10_003, nextCursor: 100 });
  expect(body.historyPage.firstFailure!.index).toBeGreaterThan(500);
  expect(body.bars.forward.length + body.bars.compensation.length).toBeLessThan(400);
});

test("step pages: ≤ 500 steps, in order, contiguous to the end; a bad cursor or id is refused with the envelope", async ({ request }) => {
  const { sagas } = await simCatalog(request);
  const base = `/api/bgops/sagas/${sagas.huge}/steps`;
  const seen: number[] = [];
  let cursor: number | null = 50;
  for (let i = 0; cursor !== null && i < 20; i++) {
    const res = await request.get(`${base}?cursor=${cursor}&limit=500`);
    expect(res.status()).toBe(200);
    const page = (await res.json()) as StepsPage;
    expect(page.cursor).toBe(cursor);
    expect(page.total).toBe(5_010);
    expect(page.items.length).toBeLessThanOrEqual(500);
    seen.push(...page.items.map((s) => s.index));
    cursor = page.nextCursor;
  }
  expect(seen).toEqual(Array.from({ length: 4_960 }, (_, i) => i + 50));
  const failed = (await (await request.get(`${base}?cursor=5001&limit=1`)).json()) as StepsPage;
  expect(failed.items[0]).toMatchObject({ number: 5_002, statusLabel: "failed", error: expect.stringContaining("rate limited") });

  for (const [query, status, code, message] of [
    ["cursor=abc", 400, "invalid_input", /^Invalid cursor "abc": use the nextCursor of the previous page, or 0 for the first page\.$/],
    ["cursor=-1", 400, "invalid_input", /^Invalid cursor/],
    ["cursor=5011", 400, "invalid_input", /the saga has 5010 steps/],
    ["limit=501", 422, "validation_failed", /limit must be a whole number from 1 to 500/],
    ["limit=0", 422, "validation_failed", /limit must be a whole number from 1 to 500/],
  ] as const) {
    const r = await request.get(`${base}?${query}`);
    expect(r.status(), query).toBe(status);
    const envelope = (await r.json()) as { error: { code: string; message: string } };
    expect(envelope.error.code, query).toBe(code);
    expect(envelope.error.message, query).toMatch(message);
  }
  const malformed = await request.get(`/api/bgops/sagas/${encodeURIComponent("bad id!")}/steps`);
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error).toMatchObject({ code: "invalid_input", message: expect.stringMatching(/^Invalid path parameter/) });
  expect((await request.get(`/api/bgops/sagas/${sagas.unknown}/steps`)).status()).toBe(404);
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
