import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "../env";
import { setSimScenario } from "./bgops-helpers";

// /slo/alerts judges the platform's own 16 rules (ALERT_RULE_FILES in playwright.config.ts, the Vitest fixture,
// CONTRACT §4.1 shapes) against the simulator's /metrics. No PROMETHEUS_URL: nothing can be back-tested.
test.use({ storageState: storageStateFor("viewer") });

test.beforeEach(async ({ request }) => {
  await setSimScenario(request, "healthy", "all");
});

const LOGIN_WHY =
  "each dotmac_management_login_attempts_total{result} series is divided by itself (PromQL divides series with identical labels), so the ratio is always 1: 1 < 0.98 is never true";
const LOGIN_FIXED =
  'sum without (result) (rate(dotmac_management_login_attempts_total{result="success"}[5m])) / sum without (result) (rate(dotmac_management_login_attempts_total[5m])) < 0.98';
const HTTP_FIXED =
  'sum without (status_code) (rate(dotmac_management_http_requests_total{status_code=~"5.."}[5m])) / sum without (status_code) (rate(dotmac_management_http_requests_total[5m])) > 0.05';
const LATENCY_FIXED = "histogram_quantile(0.95, sum by (le) (rate(dotmac_management_login_duration_seconds_bucket[5m]))) > 2.0";

/** The verdicts a reader must find, whether the page was hydrated or not. */
async function expectVerdicts(page: Page) {
  await expect(page.getByTestId("able-summary")).toContainText("Alerts able to fire: 4 of 16 · rules from ALERT_RULE_FILES (1 file)");
  await expect(page.locator("article[data-testid^=rule-]")).toHaveCount(16);

  const login = page.getByTestId("rule-LoginSuccessRateLow");
  await expect(login).toHaveAttribute("data-firing", "never");
  await expect(login).toContainText("can never fire");
  await expect(login.getByText(LOGIN_WHY, { exact: true })).toBeVisible();
  await expect(login.locator("[data-problem=identity-ratio]")).toBeVisible();
  await expect(login.getByTestId("fixed-expr")).toHaveText(LOGIN_FIXED);

  const http = page.getByTestId("rule-HTTPErrorRateHigh");
  await expect(http).toHaveAttribute("data-firing", "noise");
  await expect(http).toContainText("fires on noise");
  await expect(http).toContainText(/status_code\} series is divided by itself.*: 1 > 0\.05 holds on any event/);
  await expect(http.getByTestId("fixed-expr")).toHaveText(HTTP_FIXED);

  const billing = page.getByTestId("rule-BillingSuccessRateLow");
  await expect(billing).toHaveAttribute("data-firing", "never");
  await expect(billing).toContainText(/no such series.*dotmac_management_billing_runs_total/);

  const latency = page.getByTestId("rule-LoginLatencyHigh");
  await expect(latency).toHaveAttribute("data-firing", "able");
  await expect(latency).toContainText("able to fire");
  await expect(latency.locator("[data-problem=quantile-unaggregated]")).toBeVisible();
  await expect(latency.getByTestId("fixed-expr")).toHaveText(LATENCY_FIXED);

  // Per SLO (runbook §6): the login success SLO has a rule, and it cannot fire.
  await expect(page.getByTestId("coverage-a-login-success")).toHaveAttribute("data-status", "cannot");
  await expect(page.getByTestId("coverage-a-login-success")).toContainText("configured but cannot fire");
  await expect(page.getByTestId("coverage-a-http-5xx")).toHaveAttribute("data-status", "noise");
  await expect(page.getByTestId("coverage-a-login-latency")).toHaveAttribute("data-status", "able");
  await expect(page.getByTestId("coverage-b-login-success")).toHaveAttribute("data-status", "missing");

  // The corrected rules, as one file Prometheus's own promtool accepts.
  const fixes = page.getByRole("region", { name: "Corrected rules" });
  await expect(fixes.getByTestId("promtool")).toContainText(/^promtool check rules: ✓accepted .*SUCCESS: 16 rules found/s);
  await expect(fixes.locator("pre")).toContainText(LOGIN_FIXED);
  await expect(fixes.locator("pre")).toContainText("alert: LoginSuccessRateLow");

  // Honest about what was not done: no Prometheus to back-test against, so no back-test verdict or chart anywhere.
  await expect(page.getByRole("region", { name: "Summary" })).toContainText(
    "not back-tested: set PROMETHEUS_URL so the console can evaluate the rules over the recent past",
  );
  await expect(page.getByTestId("backtest")).toHaveCount(0);
}

test("the platform's rules: 4 of 16 can fire, the login success rule never can and why, with corrected expressions", async ({ page }) => {
  await page.goto("/slo/alerts");
  await expectVerdicts(page);
  await expect(page.getByRole("region", { name: "Summary" })).toContainText(/Series checked against the platform's \/metrics: \d+ names exposed/);
});

test("the window selector and the way back work from the keyboard, and the window is in the URL", async ({ page }) => {
  await page.goto("/slo/alerts");
  await expect(page.getByTestId("able-summary")).toBeVisible();
  const group = page.getByRole("radiogroup", { name: "Back-test window" });
  await expect(group.getByRole("radio", { name: "1h" })).toHaveAttribute("aria-checked", "true");
  // Tab from the way back to the SLOs into the window choices, then choose one with the keyboard.
  await page.getByRole("link", { name: "← SLOs" }).focus();
  await page.keyboard.press("Tab");
  await expect(group.getByRole("radio", { name: "15m" })).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(group.getByRole("radio", { name: "6h" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/slo\/alerts\?window=6h$/);
  await expect(group.getByRole("radio", { name: "6h" })).toHaveAttribute("aria-checked", "true");
  await expect(group.getByRole("radio", { name: "1h" })).toHaveAttribute("aria-checked", "false");
  await expect(group.getByRole("radio", { name: "6h" })).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Space");
  await expect(page).toHaveURL(/\/slo\/alerts\?window=1h$/);
  await expect(page.getByTestId("able-summary")).toContainText("Alerts able to fire: 4 of 16");

  // The URL carries the window: reloading it keeps the choice.
  await page.goto("/slo/alerts?window=24h");
  await expect(group.getByRole("radio", { name: "24h" })).toHaveAttribute("aria-checked", "true");

  await page.getByRole("link", { name: "← SLOs" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/slo$/);
});

test("/slo says the same, card by card, and links to the rules page", async ({ page }) => {
  await page.goto("/slo");
  const card = page.getByTestId("alert-coverage").filter({ hasText: "LoginSuccessRateLow" }).first();
  await expect(card).toHaveAttribute("data-status", "cannot");
  await expect(card).toContainText("configured but cannot fire: LoginSuccessRateLow");
  const line = page.getByRole("region", { name: "Metric source" }).getByText(/Alerts able to fire:/);
  await expect(line).toContainText("Alerts able to fire: 4 of 16 (rules from ALERT_RULE_FILES (1 file))");
  await line.getByRole("link", { name: "alert rules" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/slo\/alerts$/);
  await expect(page.getByTestId("able-summary")).toContainText("Alerts able to fire: 4 of 16");
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("the verdicts are in the server's HTML", async ({ page }) => {
    await page.goto("/slo/alerts");
    await expect(page.getByText("Reading and back-testing the alert rules…")).toHaveCount(0);
    await expectVerdicts(page);
  });
});

test("hydration does not ask for the rules a second time", async ({ page }) => {
  const seen: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === "/api/slo/alerts") seen.push(r.url());
  });
  await page.goto("/slo/alerts?window=6h");
  await expect(page.getByTestId("able-summary")).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(1_500);
  expect(seen).toEqual([]);
  // Another window is a new server render of the page (its data comes with it), then refreshed every minute.
  await page.getByRole("radio", { name: "15m" }).click();
  await expect(page).toHaveURL(/window=15m$/);
  await expect(page.getByRole("radio", { name: "15m" })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByTestId("able-summary")).toContainText("Alerts able to fire: 4 of 16");
});
