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
  // The pointer leaving the chart (or the page moving under it as the lists load) does not take away the focused
  // bar's tooltip: this is what made the step above flaky.
  await page.mouse.move(0, 0);
  await expect(page.getByRole("tooltip")).toContainText("raised: resource still in use by create_dns_record");
  await expect(page.getByRole("tooltip")).toHaveCount(1);

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
  await expect(page.getByText(/10003 entries, sorted by timestamp; 100 loaded/)).toBeVisible({ timeout: 30_000 });
  const pageRequests: string[] = [];
  page.on("request", (r) => r.url().includes("/history?") && pageRequests.push(r.url()));
  const list = page.getByTestId("history-list");
  await expect(list.getByTestId("history-row").first()).toBeVisible();
  await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.getByText(/; 600 loaded/)).toBeVisible({ timeout: 15_000 });
  expect(pageRequests.some((u) => u.includes("cursor=100"))).toBe(true);
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

test("the 5,010-step saga: the first paint carries 50 steps and the failed one; the rest load on request, with progress and a clear error", async ({ page }) => {
  const stepRequests: string[] = [];
  page.on("request", (r) => r.url().includes("/steps?") && stepRequests.push(r.url()));
  await page.goto(`/sagas/${cat.sagas.huge}`);
  const section = page.getByRole("region", { name: "Steps" });
  await expect(section.getByRole("heading", { name: "Steps (5010)" })).toBeVisible({ timeout: 30_000 });
  const loaded = section.getByTestId("steps-loaded");
  await expect(loaded).toHaveText("Showing steps 1–50 of 5,010 and 1 further on that the verdict names");
  const table = section.getByRole("table", { name: "Saga steps" });
  await expect(table).toHaveAttribute("aria-rowcount", "5011");
  await expect(table.getByTestId("step-row").first()).toContainText("Import customer batch 1");
  // The step the verdict names is in the table before any page is loaded, after a marked gap.
  const scroller = table.locator(".overflow-auto");
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(table.getByTestId("step-gap").filter({ hasText: "Steps 51–5001 (4951) are not loaded yet" })).toBeVisible();
  const failed = table.getByRole("row", { name: /Import customer batch 5002/ });
  await expect(failed).toContainText("rate limited");
  await expect(failed).toHaveAttribute("aria-rowindex", "5003");
  expect(stepRequests).toEqual([]);

  // A page fails: the error says which steps and offers a retry; nothing is lost.
  // (The fault is injected in the browser's network: the simulator is shared by the other specs.)
  let refuse = true;
  let slow = false;
  await page.route("**/api/bgops/sagas/*/steps?*", async (route) => {
    if (refuse) return route.fulfill({ status: 504, contentType: "application/json", body: JSON.stringify({ error: { code: "upstream_timeout", message: "The bgops API did not answer within 5 s." } }) });
    if (slow) await new Promise((r) => setTimeout(r, 1_000));
    return route.continue();
  });
  const more = section.getByRole("button", { name: "Load 500 more steps" });
  await more.focus();
  await page.keyboard.press("Enter");
  await expect(section.getByRole("alert")).toContainText("Steps after 50 could not be loaded: The bgops API did not answer within 5 s.");
  await expect(loaded).toContainText("Showing steps 1–50 of 5,010");
  refuse = false;
  await section.getByRole("button", { name: "Try again" }).press("Enter");
  await expect(loaded).toContainText("Showing steps 1–550 of 5,010");
  await expect(section.getByRole("alert")).toHaveCount(0);
  expect(stepRequests.at(-1)).toContain("cursor=50&limit=500");
  // The retry's button went with the alert: focus waits on "Load more", not on <body>.
  await expect(more).toBeFocused();

  // Keyboard only: while a batch loads the button keeps focus (unavailable, not disabled), so Enter again loads the next.
  slow = true;
  await page.keyboard.press("Enter");
  await expect(section.getByRole("status").filter({ hasText: /^Loading steps 551–1,050 of 5,010…$/ })).toBeVisible();
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe("BODY");
  await expect(more).toBeFocused();
  await expect(more).toHaveAttribute("aria-disabled", "true");
  slow = false;
  await expect(loaded).toContainText("Showing steps 1–1,050 of 5,010");
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe("BODY");
  await expect(more).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(loaded).toContainText("Showing steps 1–1,550 of 5,010");
  await expect(more).toBeFocused();

  // Show all: a progress indicator while pages arrive, then the whole saga with no gap; the DOM stays bounded.
  slow = true;
  await section.getByRole("button", { name: "Show all 5,010 steps" }).press("Enter");
  await expect(section.getByRole("status").filter({ hasText: /^Loading steps [\d,]+–5,010 of 5,010…$/ })).toBeVisible();
  await expect(section.getByRole("progressbar", { name: "Steps loaded" })).toHaveAttribute("max", "5010");
  slow = false;
  await expect(loaded).toHaveCount(0, { timeout: 30_000 });
  // The buttons are gone; the keyboard user is told, not dropped at the top of the page.
  await expect(section.getByRole("status")).toHaveText("All 5,010 steps loaded.");
  await expect(section.getByRole("status")).toBeFocused();
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(table.getByRole("row", { name: /Import customer batch 5010/ })).toBeVisible();
  await expect(table.getByTestId("step-gap")).toHaveCount(0);
  expect(await table.getByTestId("step-row").count()).toBeLessThan(60);
  expect(new Set(stepRequests.map((u) => new URL(u).searchParams.get("cursor")))).toEqual(new Set(Array.from({ length: 10 }, (_, k) => String(50 + 500 * k))));
});

test("keyboard only: loading the raw JSON moves focus to what it revealed, not to the page's body", async ({ page }) => {
  await page.goto(`/sagas/${cat.sagas.retried}`);
  const button = page.getByRole("button", { name: "Load raw JSON of saga and history" });
  await expect(button).toBeVisible({ timeout: 15_000 });
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Raw JSON: saga", { exact: true })).toBeVisible({ timeout: 15_000 });
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe("BODY");
  const region = page.getByRole("region", { name: "Raw JSON of saga and history" });
  await expect(region).toBeFocused();
  // The next Tab goes into what was revealed; Enter opens it.
  await page.keyboard.press("Tab");
  await expect(region.locator("summary").first()).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(region.locator("pre").first()).toContainText(cat.sagas.retried!);
});
