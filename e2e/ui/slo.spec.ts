import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { E2E, storageStateFor } from "../env";

// Switches the shared simulator's /metrics: serial, and healthy again whatever happens.
test.describe.configure({ mode: "serial" });
test.use({ storageState: storageStateFor("viewer") });

const setScenario = (request: APIRequestContext, scenario: string) =>
  request.post(`${E2E.sim.mgmt}/__sim/scenario`, { data: { scenario, surface: "mgmt" } }).then((r) => expect(r.ok()).toBe(true));

type Report = { slos: { id: string; state: string; evaluation: { windows: { windowMs: number; burnRate: number | null }[] } }[]; metricsExposedSeriesMissing: boolean };
const shortBurn = (r: Report, id: string) => r.slos.find((s) => s.id === id)?.evaluation.windows.find((w) => w.windowMs === 300_000)?.burnRate ?? 0;

async function cards(page: Page) {
  return page.locator("article[data-state]");
}

test("every SLO has a card with a state, a budget and its source", async ({ page }) => {
  await page.goto("/slo");
  await expect(page.getByRole("heading", { name: "SLOs", level: 1 })).toBeVisible();
  const list = await cards(page);
  await expect(list.first()).toBeVisible({ timeout: 30_000 });
  expect(await list.count()).toBeGreaterThanOrEqual(10);
  for (const card of await list.all()) {
    const id = await card.getAttribute("data-testid");
    await expect(card.getByTestId("slo-state"), `${id} state`).toHaveText(/\S/);
    // A budget, as a percentage left or overspent, or as counts while traffic is too low to judge it; never "—".
    await expect(card.getByTestId("budget"), `${id} budget`).toHaveText(/^(\d+\.\d% left|overspent by \d+\.\d%|[\d,]+ of [\d,]+ failed \(.+\); judged from [\d,]+ events)$/);
  }
  await expect(page.getByTestId("slo-source")).toContainText("embedded scrape");
  await expect(page.getByTestId("slo-a-login-success").getByText(/updated \d+ (s|min) ago/)).toBeVisible();
});

test("the window selector is in the URL and changes the data", async ({ page }) => {
  await page.goto("/slo?window=1h");
  const login = page.getByTestId("slo-a-login-success");
  await expect(login.getByText("Last 1h")).toBeVisible({ timeout: 30_000 });
  const series = page.waitForResponse((r) => r.url().includes("/api/slo/a-login-success/series?window=24h") && r.status() === 200);
  await page.getByRole("radio", { name: "24h" }).click();
  await expect(page).toHaveURL(/[?&]window=24h/);
  await expect(login.getByText("Last 24h")).toBeVisible();
  await series;
  await expect(page.getByRole("radio", { name: "24h" })).toHaveAttribute("aria-checked", "true");
  await expect(login.getByTestId("chart-a-login-success")).toBeVisible({ timeout: 20_000 });
  // Reloading the URL keeps the window.
  await page.reload();
  await expect(login.getByText("Last 24h")).toBeVisible({ timeout: 30_000 });
});

test("during the simulator's incident a login or provisioning SLO burns", async ({ page, request }) => {
  test.setTimeout(240_000);
  // The incident runs 60 s of every 120 s; the scrape history must contain some of it. Bounded wait.
  let burning: string | undefined;
  const deadline = Date.now() + 200_000;
  while (!burning && Date.now() < deadline) {
    const report = (await (await request.get("/api/slo?window=1h")).json()) as Report;
    burning = ["a-login-success", "a-provisioning-success", "b-login-success", "b-provisioning-success"].find((id) => shortBurn(report, id) > 1);
    if (!burning) await page.waitForTimeout(5_000);
  }
  expect(burning, "no login/provisioning SLO burnt above 1× within 200 s of incidents").toBeDefined();
  await page.goto("/slo?window=1h");
  const cell = page.getByTestId(`slo-${burning}`).getByTestId("burn-page_fast-short");
  await expect(cell).toHaveText(/^\d+(\.\d+)?×$/, { timeout: 30_000 });
  expect(parseFloat((await cell.textContent()) ?? "0")).toBeGreaterThan(0);
});

test("the platform's static /metrics shows 'metrics exposed, SLO series missing'", async ({ page, request }) => {
  test.setTimeout(120_000);
  try {
    await setScenario(request, "static-metrics");
    await page.goto("/slo");
    // The next scrape (every 15 s) carries none of the SLO series; the page polls every 15 s.
    await expect(page.getByTestId("series-missing-banner")).toBeVisible({ timeout: 75_000 });
    await expect(page.locator('article[data-state="series_missing"]').first()).toBeVisible();
    await expect(page.getByText("Metrics exposed, SLO series missing").first()).toBeVisible();
  } finally {
    await setScenario(request, "healthy");
  }
});
