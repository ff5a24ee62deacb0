import { expect, test } from "@playwright/test";
import { storageStateFor } from "../env";
import { setSimScenario, simCatalog } from "./bgops-helpers";

// One reading of a platform failure: the overview's health matrix and the runbook's §5 widgets name bgops
// failing the way the saga, key and smoke pages do.
test.describe.configure({ mode: "serial" });

test.afterEach(async ({ request }) => {
  await setSimScenario(request, "healthy");
});

test.describe("viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("the overview goes red within 30 s of bgops failing, naming the signature", async ({ page, request }) => {
    test.setTimeout(60_000);
    await page.goto("/");
    const bgops = page.locator('[data-cell="mgmt.bgops"]');
    await expect(bgops).toHaveAttribute("data-verdict", "pass", { timeout: 15_000 });
    await expect(page.locator('[data-cell="mgmt.metrics"]')).toHaveAttribute("data-verdict", "pass");

    await setSimScenario(request, "redis-down");
    const broke = Date.now();
    await expect(bgops).toHaveAttribute("data-verdict", "fail", { timeout: 30_000 });
    expect(Date.now() - broke).toBeLessThanOrEqual(30_000);
    await expect(page.getByTestId("health-problems")).toContainText("Management API bgops: 500 text/plain from bgops: Internal Server Error — bgops cannot reach Redis");
    await expect(page.getByTestId("health-problems")).toContainText("runbook §5, §2");
  });

  test("a saga page that goes stale says why in the same words, and its clock stops at the last answer", async ({ page, request }) => {
    test.setTimeout(60_000);
    const id = (await simCatalog(request)).sagas.running!;
    // A fake clock that runs at real speed until fast-forwarded: the jump below shows what still ticks.
    await page.clock.install();
    await page.goto(`/sagas/${id}`);
    const timeout = page.getByTestId("saga-header").locator("dt:has-text('Timeout') + dd");
    await expect(timeout).toContainText("left (timeout 2 h)");

    await setSimScenario(request, "redis-down");
    const stale = page.getByRole("status").filter({ hasText: "stale:" });
    // The error panel's, the overview's and the smoke test's words, with the runbook section.
    await expect(stale).toContainText("last refresh failed (500 text/plain from bgops: Internal Server Error — bgops cannot reach Redis", { timeout: 15_000 });
    await expect(stale).toContainText("(runbook §5, §2)");
    await expect(stale).toContainText(/showing the answer of \d\d:\d\d:\d\d UTC/);
    await expect(page.getByTestId("saga-verdict")).toContainText(/Running: .* — as of \d\d:\d\d:\d\d UTC, the last answer/);

    // Ten minutes later in the browser, still failing: the time left is the last answer's, not extrapolated.
    const frozen = await timeout.innerText();
    await page.clock.fastForward("10:00");
    await page.waitForTimeout(1_500);
    await expect(stale).toBeVisible();
    expect(await timeout.innerText()).toBe(frozen);
  });
});

test.describe("responder", () => {
  test.use({ storageState: storageStateFor("responder") });

  test("a runbook §5 widget explains the 500 text/plain as bgops failing to reach Redis", async ({ page, request }) => {
    await setSimScenario(request, "redis-down");
    await page.goto("/runbook#section-5");
    const listForm = page.getByRole("form", { name: "Run GET /api/v1/bgops/idempotency", exact: true });
    await listForm.getByRole("button", { name: "Run" }).click();
    const answer = listForm.getByLabel("bgops answer");
    const panel = answer.getByTestId("bgops-signature");
    await expect(panel).toContainText("bgops cannot reach Redis");
    await expect(panel).toContainText("section §5, §2");
    await expect(panel).toContainText("500 text/plain from bgops: Internal Server Error");
  });
});
