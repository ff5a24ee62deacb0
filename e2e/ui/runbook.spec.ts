import { expect, test } from "@playwright/test";
import { E2E, storageStateFor } from "../env";

test.describe("the runbook as a live checklist", () => {
  test.use({ storageState: storageStateFor("responder") });

  test("sections have #section-N anchors; ticks outside an incident are not saved", async ({ page }) => {
    await page.goto("/runbook#section-2");
    await expect(page.locator("#section-2").getByRole("heading", { name: /2\) Health & Readiness/ })).toBeVisible();
    await expect(page.locator("#section-5").getByRole("heading", { name: /Background Operations/ })).toBeVisible();
    await expect(page.getByText("Ticks on this page are not saved")).toBeVisible();
    await expect(page.getByRole("link", { name: "Open an incident to track progress" })).toHaveAttribute("href", "/incidents?new=1");
    const tick = page.getByRole("checkbox", { name: "Tick (not saved): Run: make smoke" });
    await tick.check();
    await expect(tick).toBeChecked();
    await page.reload();
    await expect(page.getByRole("checkbox", { name: "Tick (not saved): Run: make smoke" })).not.toBeChecked();
  });

  test("widgets: smoke streams inline, health cells, copy-only commands, current values with no secret", async ({ page }) => {
    await page.goto("/runbook");
    const s1 = page.locator("#section-1");
    await s1.getByRole("button", { name: "Run smoke test" }).click();
    await expect(s1.locator("[data-check-id]").first()).toBeVisible({ timeout: 30_000 });
    await expect(s1.getByText(/\d+ pass · \d+ warn · \d+ fail · \d+ error/)).toBeVisible();

    await expect(page.locator("#section-2 [data-cell='mgmt.ready']")).toBeVisible({ timeout: 15_000 });
    await expect(page.locator("#section-9").getByRole("button", { name: "Copy command: alembic downgrade -1" })).toBeVisible();
    await expect(page.locator("#section-9").getByText("the console never executes it").first()).toBeVisible();

    const appendix = page.locator("[data-env='MGMT_API_URL']").first();
    await expect(appendix).toContainText(E2E.sim.mgmt);
    await expect(page.locator("#section-6").getByRole("link", { name: "SLO page" })).toHaveAttribute("href", "/slo");
    await expect(page.locator("#section-5").getByRole("link", { name: "sagas", exact: true })).toHaveAttribute("href", "/sagas");
    await expect(page.locator("#section-10").getByText(/set ONCALL_CONTACTS/).first()).toBeVisible();
    expect(await page.content()).not.toContain(E2E.upstreamToken);
  });

  test("bgops form: validated in the browser, run through the console, answer shown", async ({ page }) => {
    await page.goto("/runbook#section-5");
    const keyForm = page.getByRole("form", { name: "Run GET /api/v1/bgops/idempotency/{key}" });
    await keyForm.getByLabel("key").fill("../../admin");
    await keyForm.getByRole("button", { name: "Run" }).click();
    await expect(keyForm.getByText(/Not sent: Idempotency key contains a slash/)).toBeVisible();
    await keyForm.getByLabel("key").fill("no-such-key-e2e");
    await keyForm.getByRole("button", { name: "Run" }).click();
    await expect(keyForm.getByLabel("bgops answer")).toContainText("404");

    const listForm = page.getByRole("form", { name: "Run GET /api/v1/bgops/idempotency", exact: true });
    await expect(listForm.getByLabel("limit")).toHaveValue("10");
    await listForm.getByRole("button", { name: "Run" }).click();
    await expect(listForm.getByLabel("bgops answer")).toContainText("200");
    await expect(listForm.getByLabel("bgops answer")).toContainText("application/json");
  });

  test("bgops API: the template must be the runbook's and the values are checked on the server", async ({ request }) => {
    const headers = { Origin: E2E.baseURL };
    const view = await (await request.get("/api/runbook")).json();
    const [itemId, widgets] = Object.entries(view.widgets as Record<string, { kind: string; pathTemplate?: string }[]>).find(([, ws]) =>
      ws.some((w) => w.pathTemplate === "/api/v1/bgops/sagas/{saga_id}"),
    )!;
    const bad = await request.post("/api/runbook/bgops", { headers, data: { itemId, pathTemplate: "/api/v1/bgops/sagas/{saga_id}", values: { saga_id: "..%2F..%2Fx" } } });
    expect(bad.status()).toBe(422);
    const forged = await request.post("/api/runbook/bgops", { headers, data: { itemId, pathTemplate: "/admin/{saga_id}", values: { saga_id: "x" } } });
    expect(forged.status()).toBe(404);
    expect(widgets.length).toBeGreaterThan(0);
    const ok = await request.post("/api/runbook/bgops", { headers, data: { itemId, pathTemplate: "/api/v1/bgops/sagas/{saga_id}", values: { saga_id: "does-not-exist-e2e" } } });
    expect(ok.status()).toBe(200);
    expect((await ok.json()).status).toBe(404);
  });

  test("a viewer sees the widgets but cannot run checks", async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: storageStateFor("viewer"), baseURL: E2E.baseURL });
    try {
      const page = await ctx.newPage();
      await page.goto("/runbook");
      await expect(page.locator("#section-1").getByRole("button", { name: "Run smoke test" })).toBeDisabled();
      const res = await page.request.post("/api/runbook/auth-check", { headers: { Origin: E2E.baseURL }, data: {} });
      expect(res.status()).toBe(403);
    } finally {
      await ctx.close();
    }
  });
});
