import { expect, test } from "@playwright/test";
import { storageStateFor } from "../env";
import { hostileValues, HOSTILE_MARKER, setSimScenario, simCatalog, upstreamHits, type SimCatalog } from "./bgops-helpers";

test.use({ storageState: storageStateFor("viewer") });

let cat: SimCatalog;
test.beforeAll(async ({ request }) => {
  cat = await simCatalog(request);
});

const STATES: { state: string; status: string | RegExp; verdict: RegExp }[] = [
  { state: "running", status: "Running", verdict: /^Running: step \d+ of \d+ '.+'/ },
  { state: "stuck", status: /Possibly stuck since \d{4}-\d\d-\d\d/, verdict: /^Possibly stuck: no progress since .+ ago/ },
  { state: "completed", status: "Completed", verdict: /^Completed all \d+ steps in / },
  { state: "compensated", status: "Failed — compensated", verdict: /^Failed at step \d+ '.+' after \d+ attempts? \(.+\); (\d+) of \1 compensations succeeded/ },
  { state: "compensationFailed", status: "Failed — a compensation failed", verdict: /^Compensation of '.+' FAILED \(.+\) — manual clean-up needed\. Failed at step \d+/ },
  { state: "timedOut", status: "Timed out", verdict: /^Timed out after .+ at step \d+ '.+'/ },
  { state: "retried", status: "Completed", verdict: /^Completed all \d+ steps in .+ \('.+' needed \d+ attempts\)/ },
  { state: "crossTenant", status: "Completed", verdict: /^Completed all/ },
];

for (const { state, status, verdict } of STATES) {
  test(`saga state ${state}: verdict line and header`, async ({ page }) => {
    await page.goto(`/sagas/${cat.sagas[state]}`);
    await expect(page.getByTestId("saga-verdict")).toHaveText(verdict, { timeout: 15_000 });
    const header = page.getByTestId("saga-header");
    await expect(header).toContainText(status);
    if (state === "crossTenant") await expect(header).toContainText("cross-tenant: differs from the tenant in use (acme)");
    else await expect(header).not.toContainText("cross-tenant");
    await expect(page.getByText(/updated \d+ s ago · via the bgops API/)).toBeVisible();
    await expect(page.getByRole("group", { name: /Saga timeline/ })).toBeVisible();
  });
}

test("the cross-tenant saga links to its key, which is flagged against the saga's tenant", async ({ page }) => {
  await page.goto(`/sagas/${cat.sagas.crossTenant}`);
  await page.getByTestId("saga-header").getByRole("link", { name: cat.keys.crossTenant }).click();
  await expect(page).toHaveURL(new RegExp(`/idempotency/${cat.keys.crossTenant}\\?saga=`));
  await expect(page.getByTestId("key-fields")).toContainText("cross-tenant: a saga using this key belongs to another tenant", { timeout: 15_000 });
  await expect(page.getByText("cross-tenant: saga tenant globex ≠ key tenant acme")).toBeVisible();
});

test("a running saga shows time left before its timeout and auto-refreshes", async ({ page }) => {
  await page.goto(`/sagas/${cat.sagas.running}`);
  await expect(page.getByTestId("saga-header").getByText(/left \(timeout 2 h\)/)).toBeVisible({ timeout: 15_000 });
  const first = await page.waitForResponse((r) => r.url().includes(`/api/bgops/sagas/${cat.sagas.running}`));
  expect(first.status()).toBe(200);
  // No reload: the page asks again on its own while the saga is not terminal.
  const next = await page.waitForResponse((r) => r.url().includes(`/api/bgops/sagas/${cat.sagas.running}`), { timeout: 12_000 });
  expect(next.status()).toBe(200);
});

test("history without a saga record is still shown", async ({ page }) => {
  await page.goto(`/sagas/${cat.sagas.historyOnly}`);
  await expect(page.getByTestId("saga-verdict")).toContainText("History without a saga record", { timeout: 15_000 });
  await expect(page.getByTestId("history-row").first()).toBeVisible();
});

test("the 10,000-entry saga renders a bounded number of rows and jumps to its first failure", async ({ page }) => {
  await page.goto(`/sagas/${cat.sagas.huge}`);
  await expect(page.getByText(/10003 entries, sorted by timestamp/)).toBeVisible({ timeout: 20_000 });
  // The virtualised lists render their rows in the browser, after their code loads (none in the server's HTML).
  await expect(page.getByTestId("history-row").first()).toBeVisible();
  await expect(page.getByTestId("step-row").first()).toBeVisible();
  const rows = await page.getByTestId("history-row").count();
  expect(rows).toBeGreaterThan(5);
  expect(rows).toBeLessThan(60);
  const steps = await page.getByTestId("step-row").count();
  expect(steps).toBeGreaterThan(0);
  expect(steps).toBeLessThan(40);
  await page.getByRole("button", { name: "Jump to first failure" }).click();
  const current = page.locator('[data-testid="history-row"][aria-current="true"]');
  await expect(current).toBeVisible();
  await expect(current).toContainText("failed");
  await expect(current).toContainText("rate limited");
  expect(await page.getByTestId("history-row").count()).toBeLessThan(60);
});

test("history filters live in the URL; UTC/local toggle too", async ({ page }) => {
  await page.goto(`/sagas/${cat.sagas.compensated}`);
  await expect(page.getByTestId("history-row").first()).toBeVisible({ timeout: 15_000 });
  await page.getByRole("combobox", { name: "Status" }).selectOption("compensated");
  await expect(page).toHaveURL(/status=compensated/);
  const rows = page.getByTestId("history-row");
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allInnerTexts()) expect(text).toContain("compensated");
  await expect(rows.first()).toContainText("UTC");
  await page.getByRole("button", { name: "Local time" }).click();
  await expect(page).toHaveURL(/tz=local/);
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Status" })).toHaveValue("compensated", { timeout: 15_000 });
  await expect(page.getByRole("button", { name: "Local time" })).toHaveAttribute("aria-pressed", "true");
});

test("an unknown saga says 'not found in the bgops API' and that no other source is configured", async ({ page }) => {
  await page.goto(`/sagas/${cat.sagas.unknown}`);
  const panel = page.getByTestId("bgops-not-found");
  await expect(panel).toContainText("not found in the bgops API", { timeout: 15_000 });
  await expect(panel).toContainText("No other source is configured");
});

test("without Redis the saga list explains why and offers a search box", async ({ page }) => {
  await page.goto("/sagas");
  await expect(page.getByTestId("sagas-no-list")).toContainText("listing needs REDIS_URL");
  await page.getByRole("main").getByRole("textbox", { name: "Saga id", exact: true }).fill(cat.sagas.completed!);
  await page.getByRole("main").getByRole("button", { name: "Open" }).click();
  await expect(page).toHaveURL(new RegExp(`/sagas/${cat.sagas.completed}$`));
  await expect(page.getByTestId("saga-verdict")).toContainText("Completed", { timeout: 15_000 });
});

test("hostile saga ids are refused with nothing sent upstream", async ({ page, request }) => {
  expect(await upstreamHits(request, HOSTILE_MARKER)).toBe(0);
  for (const raw of hostileValues) {
    // The server renders the refusal in the page itself: the browser sends no second request for it.
    const apiCalls: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/bgops/sagas/")) apiCalls.push(r.url());
    });
    await page.goto(`/sagas/${encodeURIComponent(raw)}`);
    await expect(page.getByText("Refused: this is not a valid saga")).toBeVisible();
    expect((await request.get(`/api/bgops/sagas/${encodeURIComponent(raw)}`)).status()).toBe(400);
    expect(apiCalls).toEqual([]);
  }
  expect(await upstreamHits(request, HOSTILE_MARKER)).toBe(0);
});

test.describe("bgops failure signatures without Redis", () => {
  test.describe.configure({ mode: "serial" });

  for (const { scenario, seen, meaning, section } of [
    { scenario: "redis-down", seen: /500 text\/plain from bgops/, meaning: /cannot reach Redis/, section: "§5, §2" },
    { scenario: "bgops-not-mounted", seen: /404 application\/json from bgops/, meaning: /not mounted/, section: "§5" },
  ]) {
    test(`${scenario}: the page shows the signature, its meaning and the runbook section`, async ({ page, request }) => {
      try {
        await setSimScenario(request, scenario);
        // Past the console's 2 s coalescing window, so no earlier healthy answer is reused.
        await page.waitForTimeout(2_200);
        await page.goto(`/sagas/${cat.sagas.compensated}`);
        const panel = page.getByTestId("bgops-signature");
        await expect(panel).toContainText(seen, { timeout: 20_000 });
        await expect(panel).toContainText(meaning);
        await expect(panel).toContainText(`section ${section}`);
        await expect(panel).toContainText("REDIS_URL");
      } finally {
        await setSimScenario(request, "healthy");
      }
    });
  }
});
