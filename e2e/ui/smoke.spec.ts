import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "../env";
import { SCENARIO_EXPECTATIONS, type CheckId } from "../../lib/smoke/scenario-expectations";
import { setScenario } from "../sim-control";

test.describe.configure({ mode: "serial" });
test.use({ storageState: storageStateFor("responder") });

const row = (page: Page, checkId: string) => page.locator(`[data-check-id="${checkId}"]`);

async function runSmoke(page: Page) {
  await page.goto("/smoke");
  await page.getByRole("button", { name: "Run smoke test" }).click();
  await expect(page.getByRole("button", { name: "Run smoke test" })).toBeEnabled({ timeout: 30_000 });
  await expect(page).toHaveURL(/\/smoke\?id=/);
}

// The e2e console judges the platform's own alert rules (ALERT_RULE_FILES): those of several SLOs can never fire,
// so runbook §6's check fails on a healthy platform too, and no run is green.
const ALERTS_FAIL = /fail.*alerts able to fire: 4 of 16; cannot fire for [^;]*a-login-success \(LoginSuccessRateLow\)/;

test("a healthy platform: every check answers, only the alert rules that cannot fire fail, the run is saved with a link", async ({ page }) => {
  await setScenario("healthy");
  await runSmoke(page);
  const results = page.getByRole("region", { name: "Smoke results" });
  await expect(results.getByText("1 fail")).toBeVisible();
  await expect(results.getByText("0 error")).toBeVisible();
  await expect(row(page, "alerts.able-to-fire")).toContainText(ALERTS_FAIL);
  await expect(row(page, "mgmt.bgops")).toContainText("pass");
  await expect(row(page, "mgmt.health.ready")).toContainText("200 ready: answered, but checks nothing (no dependency checks reported");
  await expect(row(page, "admin.client-check")).toContainText('echoed tenant "acme"');
  const url = page.url();
  await page.reload();
  await expect(page).toHaveURL(url);
  await expect(row(page, "mgmt.bgops")).toContainText("pass");
});

test("Redis down: bgops fails with what was seen, and is named as new since the previous run (the alert rules fail in both)", async ({ page }) => {
  await setScenario("redis-down", "mgmt");
  try {
    await runSmoke(page);
    const bgops = row(page, "mgmt.bgops");
    await expect(bgops).toContainText("fail");
    await expect(bgops).toContainText("text/plain");
    await expect(bgops).toContainText("500");
    await expect(bgops.getByRole("link", { name: "runbook §5" })).toBeVisible();
    // Two failures now. No run was ever green (the alert rules keep failing), so the run is compared with the one
    // before it: the standing failure is not news, bgops is.
    await expect(page.getByRole("region", { name: "Smoke results" }).getByText("2 fail")).toBeVisible();
    await expect(row(page, "alerts.able-to-fire")).toContainText(ALERTS_FAIL);
    await expect(page.getByText("new since the previous run (none green yet): bgops 500", { exact: true })).toBeVisible();
    await expect(page.getByText(/since last green/)).toHaveCount(0);
    await bgops.getByText(/what was seen/).click();
    await expect(bgops.getByText("GET /api/v1/bgops/idempotency?limit=1")).toBeVisible();
  } finally {
    await setScenario("healthy");
  }
});

test("the health page shows every surface with the time of its last answer", async ({ page }) => {
  await page.goto("/health");
  const matrix = page.getByRole("table", { name: "Health matrix" });
  await expect(matrix.getByRole("rowheader")).toHaveText(["Management API", "Admin portal", "Reseller portal", "Tenant portal"]);
  // Every probe the matrix shows, with the healthy simulator's verdict from the smoke table, what was seen and
  // when; portals offer health only, the Management API also bgops and /metrics.
  const checkOf: Record<string, CheckId> = {
    "mgmt.live": "mgmt.health.live",
    "mgmt.ready": "mgmt.health.ready",
    "mgmt.startup": "mgmt.health.startup",
    "mgmt.health": "mgmt.health",
    "mgmt.bgops": "mgmt.bgops",
    "mgmt.metrics": "mgmt.metrics",
    "admin.health": "admin.api-health",
    "reseller.health": "reseller.api-health",
    "tenant.health": "tenant.api-health",
  };
  const cells = matrix.locator("[data-cell]");
  await expect(cells).toHaveCount(Object.keys(checkOf).length);
  expect((await cells.evaluateAll((els) => els.map((e) => e.getAttribute("data-cell")))).sort()).toEqual(Object.keys(checkOf).sort());
  for (const [cell, check] of Object.entries(checkOf)) {
    const el = matrix.locator(`[data-cell="${cell}"]`);
    await expect(el, cell).toHaveAttribute("data-verdict", SCENARIO_EXPECTATIONS.healthy!.verdicts[check]);
    await expect(el.locator("p"), cell).toHaveCount(2);
    await expect(el.locator("p").first(), `${cell} summary`).toHaveText(/\S/);
    await expect(el.locator("p").last(), `${cell} time`).toHaveText(/^at \d\d:\d\d:\d\d UTC$/);
  }
  await expect(matrix.getByText("not offered")).toHaveCount(3 * 5);
  await expect(page.locator('[data-cell="mgmt.ready"]')).toContainText("200 ready: answered, but checks nothing (no dependency checks reported");
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });
  test("past runs are readable but the run button is disabled", async ({ page }) => {
    await page.goto("/smoke");
    await expect(page.getByRole("button", { name: "Run smoke test" })).toBeDisabled();
    await expect(page.getByRole("region", { name: "Past runs" }).getByRole("link").first()).toBeVisible();
  });
});
