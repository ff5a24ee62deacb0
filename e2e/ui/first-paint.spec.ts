import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "../env";
import { setSimScenario, simCatalog } from "./bgops-helpers";

// The answer is in the first HTML: these pages are read with JavaScript off, then hydrated without refetching.
test.use({ storageState: storageStateFor("viewer") });

test.beforeEach(async ({ request }) => {
  await setSimScenario(request, "healthy", "all");
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("the saga verdict is in the server's HTML", async ({ page, request }) => {
    const cat = await simCatalog(request);
    await page.goto(`/sagas/${cat.sagas.compensationFailed}`);
    await expect(page.getByTestId("saga-verdict")).toBeVisible();
    await expect(page.getByTestId("saga-verdict")).toContainText(/compensation/i);
    await expect(page.getByRole("heading", { name: /^Steps \(\d+\)$/ })).toBeVisible();
  });

  test("a key's status is in the server's HTML", async ({ page }) => {
    await page.goto("/idempotency/demo-failed-0001");
    await expect(page.getByTestId("key-fields")).toContainText(/failed/i);
  });

  test("the overview's health matrix and the SLO cards are in the server's HTML", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("region", { name: "Health" }).getByRole("table")).toBeVisible();
    await page.goto("/slo");
    await expect(page.locator("[data-testid=slo-state]:visible").first()).toBeVisible();
  });

  test("a refused saga id is explained by the server", async ({ page }) => {
    await page.goto(`/sagas/${encodeURIComponent("../../etc")}`);
    await expect(page.getByText("Refused: this is not a valid saga")).toBeVisible();
  });
});

async function apiRequestsDuring(page: Page, url: string, match: RegExp, settleMs = 1_500) {
  const seen: string[] = [];
  page.on("request", (r) => {
    if (match.test(new URL(r.url()).pathname)) seen.push(r.url());
  });
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(settleMs);
  return seen;
}

test("hydration does not fetch the saga a second time", async ({ page, request }) => {
  const cat = await simCatalog(request);
  const seen = await apiRequestsDuring(page, `/sagas/${cat.sagas.completed}`, /^\/api\/bgops\/sagas\//);
  await expect(page.getByTestId("saga-verdict")).toContainText("Completed");
  expect(seen).toEqual([]);
});

test("hydration does not fetch the key or the SLO report a second time", async ({ page }) => {
  expect(await apiRequestsDuring(page, "/idempotency/demo-failed-0001", /^\/api\/bgops\/idempotency\//)).toEqual([]);
  expect(await apiRequestsDuring(page, "/slo", /^\/api\/slo$/)).toEqual([]);
});

test("list pages start from the server's data too", async ({ page }) => {
  expect(await apiRequestsDuring(page, "/idempotency?status=failed", /^\/api\/bgops\/idempotency$/)).toEqual([]);
  await expect(page.getByRole("table").first()).toBeVisible();
  expect(await apiRequestsDuring(page, "/incidents", /^\/api\/incidents$/)).toEqual([]);
  expect(await apiRequestsDuring(page, "/smoke", /^\/api\/smoke\/runs$/)).toEqual([]);
});
