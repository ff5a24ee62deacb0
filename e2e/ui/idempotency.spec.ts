import { expect, test } from "@playwright/test";
import { storageStateFor } from "../env";
import { hostileValues, HOSTILE_MARKER, simCatalog, upstreamHits, type SimCatalog } from "./bgops-helpers";

test.use({ storageState: storageStateFor("viewer") });

let cat: SimCatalog;
test.beforeAll(async ({ request }) => {
  cat = await simCatalog(request);
});

test("the recent list honours the limit in the URL and filters by status", async ({ page }) => {
  await page.goto("/idempotency?limit=7");
  await expect(page.getByTestId("key-count")).toContainText("limit 7", { timeout: 15_000 });
  // The simulator holds over a thousand keys: some of the 7 it sends may have expired, never all of them.
  const [, shown, received] = /^(\d+) shown of (\d+) received \(limit 7,/.exec(await page.getByTestId("key-count").innerText()) ?? [];
  expect(Number(received), "keys received").toBe(7);
  expect(Number(shown), "keys shown").toBeGreaterThan(0);
  await expect(page.getByTestId("key-row")).toHaveCount(Number(shown));
  await page.goto("/idempotency?limit=300");
  await page.getByRole("main").getByRole("combobox", { name: "Status" }).selectOption("failed");
  await expect(page).toHaveURL(/status=failed/);
  await expect(page.getByTestId("key-count")).toContainText("limit 300");
  const rows = page.getByTestId("key-row");
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allInnerTexts()) expect(text).toContain("failed");
});

test("an out-of-range limit is refused with the reason", async ({ page }) => {
  await page.goto("/idempotency?limit=501");
  await expect(page.getByText(/Limit must be a whole number from 1 to 500/)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("key-row")).toHaveCount(0);
});

test("search by key lands on the key", async ({ page }) => {
  await page.goto("/idempotency");
  await page.getByRole("main").getByRole("textbox", { name: "Idempotency key", exact: true }).fill(cat.keys.failed!);
  await page.getByRole("main").getByRole("button", { name: "Open" }).click();
  await expect(page).toHaveURL(new RegExp(`/idempotency/${cat.keys.failed}$`));
  await expect(page.getByTestId("key-fields")).toContainText("failed", { timeout: 15_000 });
});

test("a completed key: every field, when its TTL ends, result pretty-printed", async ({ page }) => {
  await page.goto(`/idempotency/${cat.keys.completed}`);
  const fields = page.getByTestId("key-fields");
  await expect(fields).toContainText("completed", { timeout: 15_000 });
  await expect(fields).toContainText("a retry replays 200 with the stored result");
  const ttl = page.getByTestId("ttl");
  // One unambiguous line: the clock time it goes (UTC, date when not today) and how long from now.
  await expect(ttl).toHaveText(/^expires at (\d{4}-\d\d-\d\d )?\d\d:\d\d UTC, in \d+( (s|min|h|d)( \d+ (s|min|h))?|\.\d s)$/);
  await expect(page.getByTestId("key-result")).toContainText('\n  "');
  await expect(page.getByTestId("key-sagas-note")).toContainText("REDIS_URL");
});

test("a failed key shows its error; an expired one is gone, as in Redis", async ({ page }) => {
  await page.goto(`/idempotency/${cat.keys.failed}`);
  await expect(page.getByTestId("key-fields")).toContainText("a retry gets 400 with the stored error", { timeout: 15_000 });
  // Redis drops the hash at its TTL, so the platform answers 404 for an expired key (it stays only in the index).
  await page.goto(`/idempotency/${cat.keys.expired}`);
  await expect(page.getByTestId("bgops-not-found")).toContainText("not found in the bgops API", { timeout: 15_000 });
});

test("a key whose saga belongs to another tenant is flagged", async ({ page }) => {
  await page.goto(`/idempotency/${cat.keys.crossTenant}?saga=${cat.sagas.crossTenant}`);
  await expect(page.getByTestId("key-fields")).toContainText("cross-tenant: a saga using this key belongs to another tenant", { timeout: 15_000 });
  await expect(page.getByTestId("key-sagas-note")).toContainText("The saga you came from references this key");
});

test("an unknown key says 'not found in the bgops API'", async ({ page }) => {
  await page.goto(`/idempotency/${cat.keys.unknown}`);
  await expect(page.getByTestId("bgops-not-found")).toContainText("not found in the bgops API", { timeout: 15_000 });
});

test("hostile keys are refused with nothing sent upstream", async ({ page, request }) => {
  const marker = `${HOSTILE_MARKER}`;
  const before = await upstreamHits(request, marker);
  for (const raw of hostileValues) {
    // The server renders the refusal in the page itself: the browser sends no second request for it.
    const apiCalls: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/bgops/idempotency/")) apiCalls.push(r.url());
    });
    await page.goto(`/idempotency/${encodeURIComponent(raw)}`);
    await expect(page.getByText("Refused: this is not a valid idempotency key")).toBeVisible();
    expect((await request.get(`/api/bgops/idempotency/${encodeURIComponent(raw)}`)).status()).toBe(400);
    expect(apiCalls).toEqual([]);
  }
  expect(await upstreamHits(request, marker)).toBe(before);
});
