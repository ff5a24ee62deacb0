import { expect, test, type APIRequestContext } from "@playwright/test";
import { storageStateFor } from "../env";
import { setScenario } from "../sim-control";

test.use({ storageState: storageStateFor("viewer") });

type Scrape = { intervalMs: number; lastOkAt: number | null; failingSince: number | null; last: { ok: boolean } | null };
type Report = { evaluatedAt: number; source: { kind: string; scrape?: Scrape } };

/** The report's own view of its data: how old the last successful scrape is when the report was made. */
async function scrapeState(request: APIRequestContext) {
  const r = (await (await request.get("/api/slo?window=1h")).json()) as Report;
  const s = r.source.scrape!;
  return { age: s.lastOkAt === null ? null : r.evaluatedAt - s.lastOkAt, intervalMs: s.intervalMs, failing: s.last?.ok === false, failingSince: s.failingSince };
}

test("a hanging /metrics: SLO verdicts turn stale with their data's age on /slo and on the overview", async ({ page, request }) => {
  // A stale verdict needs two scrape intervals (15 s in the e2e run) without a successful scrape: 15–30 s.
  test.setTimeout(75_000);
  await setScenario("hang", "mgmt");
  try {
    await expect
      .poll(async () => {
        const s = await scrapeState(request);
        return s.failing && s.failingSince !== null && s.age !== null && s.age > 2 * s.intervalMs;
      }, { timeout: 50_000, intervals: [1_000] })
      .toBe(true);

    await page.goto("/slo?window=1h");
    const source = page.getByRole("region", { name: "Metric source" });
    await expect(source).toContainText(/SLO data from \d\d:\d\d:\d\d UTC, \d+ s old; scrape failing since \d\d:\d\d:\d\d UTC: .+ \(last attempt \d+ s ago\)/, { timeout: 20_000 });
    const cards = page.locator("article[data-state]");
    await expect(cards.first()).toBeVisible();
    const n = await cards.count();
    for (let i = 0; i < n; i++) {
      const card = cards.nth(i);
      await expect(card).toHaveAttribute("data-stale", "true");
      await expect(card.getByTestId("slo-state")).toContainText(/ as of \d\d:\d\d:\d\d UTC — no data since$/);
      // Never a green tick on data nobody measured since.
      await expect(card.getByTestId("slo-state")).not.toContainText("✓");
      await expect(card.getByTestId("slo-stale")).toContainText(/the numbers below are from the scrape at \d\d:\d\d:\d\d UTC, \d+ s before this report/);
    }

    await page.goto("/");
    const summary = page.getByTestId("slo-summary");
    await expect(summary).toContainText(/SLO data from \d\d:\d\d:\d\d UTC, \d+ s old; scrape failing since/, { timeout: 20_000 });
    const rows = summary.locator("li[data-state]");
    await expect(rows.first()).toHaveAttribute("data-stale", "true");
    for (const text of await rows.allInnerTexts()) {
      expect(text).toMatch(/as of \d\d:\d\d:\d\d UTC — no data since/);
      expect(text).not.toContain("✓");
    }
  } finally {
    // The next scrape succeeds again (within one interval plus the hung one's timeout); later specs accept either.
    await setScenario("healthy", "mgmt");
  }
});

test("the console's own SLO API stops answering: the last report's verdicts age into stale too", async ({ page, request }) => {
  test.setTimeout(75_000);
  // Fresh data first (the previous test leaves a scrape failing for up to one more interval).
  await expect
    .poll(async () => {
      const s = await scrapeState(request);
      return !s.failing && s.age !== null && s.age < s.intervalMs;
    }, { timeout: 50_000, intervals: [1_000] })
    .toBe(true);
  await page.clock.install();
  await page.goto("/slo?window=1h");
  const cards = page.locator("article[data-state]");
  await expect(cards.first()).toHaveAttribute("data-stale", "false");

  // From now on the browser gets no answer from the console's /api/slo (the console or the network failing).
  await page.route("**/api/slo?**", (route) => route.abort("connectionrefused"));
  await page.clock.fastForward(45_000);
  await expect(cards.first()).toHaveAttribute("data-stale", "true", { timeout: 10_000 });
  await expect(cards.first().getByTestId("slo-state")).toContainText(/ as of \d\d:\d\d:\d\d UTC — no data since$/);
  await expect(cards.first().getByTestId("slo-state")).not.toContainText("✓");
});
