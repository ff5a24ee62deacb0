import { expect, test } from "@playwright/test";
import { storageStateFor } from "../env";
import { simCatalog, type SimCatalog } from "./bgops-helpers";

test.use({ storageState: storageStateFor("viewer") });

let cat: SimCatalog;
test.beforeAll(async ({ request }) => {
  cat = await simCatalog(request);
});

test("a retried step is one bar with a segment per attempt; focus shows its times, attempts and error", async ({ page }) => {
  await page.goto(`/sagas/${cat.sagas.retried}`);
  const timeline = page.getByRole("group", { name: /Saga timeline/ });
  const bar = timeline.getByRole("button", { name: /^Step 3 '.+' completed on attempt 3 of 4, / });
  await expect(bar).toBeVisible({ timeout: 15_000 });
  await expect(bar).toHaveAttribute("data-segments", "3");
  // The other steps ran once: one segment each.
  for (const other of await timeline.getByRole("button", { name: /^Step [124] / }).all()) await expect(other).toHaveAttribute("data-segments", "1");
  await bar.focus();
  const tip = page.getByRole("tooltip");
  await expect(tip).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC → \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC/);
  await expect(tip).toContainText("attempt 1: failed, retried");
  await expect(tip).toContainText("attempt 3: ok");
  await expect(tip).toContainText(/took \d/);
  // The console's time-zone toggle applies to the tooltip too.
  await page.getByRole("button", { name: "Local time" }).click();
  await bar.focus();
  await expect(tip).toContainText(/\(UTC[+-]\d\d:\d\d\)/);
});

test("a failed compensation is a bar in the compensation lane; the first failure is marked; the steps table reads whole", async ({ page }) => {
  await page.goto(`/sagas/${cat.sagas.compensationFailed}`);
  const timeline = page.getByRole("group", { name: /Saga timeline/ });
  const failedComp = timeline.getByRole("button", { name: /^Compensation of Step 2 'Create DNS record' failed: .+ raised: resource still in use/ });
  await expect(failedComp).toBeVisible({ timeout: 15_000 });
  await expect(failedComp).toHaveAttribute("data-lane", "compensation");
  await expect(failedComp).toHaveAttribute("data-outcome", "compensation-failed");
  await expect(timeline.locator('[data-lane="compensation"][data-outcome="compensated"]')).toHaveCount(2);
  const failed = timeline.getByRole("button", { name: /^Step 4 '.+' failed after 4 attempts/ });
  await expect(failed).toHaveAttribute("data-segments", "4");
  await expect(timeline.getByRole("button", { name: /^First failure: Step 4 / })).toBeVisible();
  // Hover works like focus.
  await failed.hover();
  await expect(page.getByRole("tooltip")).toContainText(/attempt 4: failed/);
  await failedComp.focus();
  await expect(page.getByRole("tooltip")).toContainText("raised: resource still in use by create_dns_record");

  // Steps table: the compensation's error is on screen whole, and no two rows overlap.
  const error = page.getByTestId("compensation-error");
  await expect(error).toContainText(/raised: resource still in use by \w+$/);
  expect(await error.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1)).toBe(true);
  const boxes = await page.getByTestId("step-row").evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect()).map((b) => ({ top: b.top, bottom: b.bottom })));
  boxes.sort((a, b) => a.top - b.top);
  for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.top).toBeGreaterThanOrEqual(boxes[i - 1]!.bottom - 0.5);
  // Every cell's content fits inside its row.
  const overflow = await page.getByTestId("step-row").evaluateAll((rows) =>
    rows.flatMap((r) => [...r.querySelectorAll('[role="cell"]')].filter((c) => c.getBoundingClientRect().bottom > r.getBoundingClientRect().bottom + 0.5).map((c) => c.textContent)),
  );
  expect(overflow).toEqual([]);
});

test("the 10,003-entry saga's timeline stays readable: bars aggregated, failures kept", async ({ page }) => {
  await page.goto(`/sagas/${cat.sagas.huge}`);
  const timeline = page.getByRole("group", { name: /Saga timeline: .* about \d+ steps per bar/ });
  await expect(timeline).toBeVisible({ timeout: 30_000 });
  const bars = await timeline.getByTestId("timeline-bar").count();
  expect(bars).toBeGreaterThan(10);
  expect(bars).toBeLessThan(300);
  await expect(timeline.getByRole("button", { name: /^Step 5002 '.+' failed after 4 attempts/ })).toBeVisible();
});

test("the 10,003-entry history arrives a page at a time: more on scroll, jump to the first failure, searchable steps", async ({ page }) => {
  await page.goto(`/sagas/${cat.sagas.huge}`);
  await expect(page.getByText(/10003 entries, sorted by timestamp; 500 loaded/)).toBeVisible({ timeout: 30_000 });
  const pageRequests: string[] = [];
  page.on("request", (r) => r.url().includes("/history?") && pageRequests.push(r.url()));
  const list = page.getByTestId("history-list");
  await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.getByText(/; 1000 loaded/)).toBeVisible({ timeout: 15_000 });
  expect(pageRequests.some((u) => u.includes("cursor=500"))).toBe(true);
  await page.getByRole("button", { name: "Jump to first failure" }).click();
  const current = page.locator('[data-testid="history-row"][aria-current="true"]');
  await expect(current).toBeVisible({ timeout: 20_000 });
  await expect(current).toContainText("rate limited");
  expect(await page.getByTestId("history-row").count()).toBeLessThan(60);
  // The step filter is a search box, not a 5,010-option select.
  await expect(page.getByRole("combobox", { name: "Step" })).toHaveCount(0);
  await page.getByRole("searchbox", { name: "Search steps" }).fill("batch 5002");
  await expect(page).toHaveURL(/step=batch\+5002|step=batch%205002/);
  await expect(page.getByTestId("history-row").first()).toContainText("Import customer batch 5002", { timeout: 15_000 });
});
