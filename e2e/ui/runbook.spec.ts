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
    // "Ensure alerts are configured": the platform's own rules (ALERT_RULE_FILES) judged, SLO by SLO.
    const alerts = page.locator("#section-6").getByTestId("runbook-alert-rules");
    await expect(alerts).toContainText("Alerts able to fire: 4 of 16 (ALERT_RULE_FILES (1 file))");
    await expect(alerts.locator("li", { hasText: "a-login-success" })).toHaveAttribute("data-status", "cannot");
    await expect(alerts.getByRole("link", { name: "rules, verdicts and fixes" })).toHaveAttribute("href", "/slo/alerts");
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

  test("a viewer runs the read-only widgets (bgops GETs, read-only checks) but not the others", async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: storageStateFor("viewer"), baseURL: E2E.baseURL });
    try {
      const page = await ctx.newPage();
      await page.goto("/runbook");
      await expect(page.locator("#section-1").getByRole("button", { name: "Run smoke test" })).toBeDisabled();
      const headers = { Origin: E2E.baseURL };
      expect((await page.request.post("/api/runbook/auth-check", { headers, data: {} })).status()).toBe(403);

      // §5: the same data the viewer reads on /idempotency.
      const listForm = page.getByRole("form", { name: "Run GET /api/v1/bgops/idempotency", exact: true });
      await listForm.getByRole("button", { name: "Run" }).click();
      await expect(listForm.getByLabel("bgops answer")).toContainText("200");

      // §1's client-check step runs the client check (not the /health widget) for a viewer too.
      const clientCheck = page.locator("#section-1 [data-check='client-check']");
      await clientCheck.getByRole("button", { name: /Run: Client check/ }).click();
      await expect(clientCheck.locator("[data-check-id='admin.client-check']")).toBeVisible({ timeout: 15_000 });
      await expect(clientCheck.getByRole("status")).toContainText("3 of 3 without failure");

      // §4's isolation checks send deliberately malformed requests: responders only.
      const isolation = page.locator("#section-4 [data-check='isolation']");
      await expect(isolation.getByRole("button", { name: /Run: Tenant isolation/ })).toBeDisabled();
      expect((await page.request.post("/api/runbook/checks", { headers, data: { check: "isolation" } })).status()).toBe(403);
      const vault = await page.request.post("/api/runbook/checks", { headers, data: { check: "vault" } });
      expect(vault.status()).toBe(200);
      expect((await vault.json()).results.map((r: { id: string }) => r.id)).toEqual(["vault.health"]);
    } finally {
      await ctx.close();
    }
  });

  test("§4 runs the isolation checks and §8 the Vault health check; unknown checks are refused", async ({ page, request }) => {
    await page.goto("/runbook#section-4");
    const isolation = page.locator("#section-4 [data-check='isolation']");
    await isolation.getByRole("button", { name: /Run: Tenant isolation/ }).click();
    await expect(isolation.locator("[data-check-id='mgmt.isolation.tenant-header']")).toBeVisible({ timeout: 15_000 });
    await expect(isolation.locator("[data-check-id='mgmt.isolation.api-version']")).toBeVisible();
    await expect(page.locator("#section-8 [data-check='vault']")).toBeVisible();
    await expect(page.locator("#section-3 [data-check='vault']")).toBeVisible();
    await expect(page.locator("#section-7 [data-check='edge']").first()).toBeVisible();
    await expect(page.locator("#section-1 [data-check='bgops']")).toBeVisible();
    const headers = { Origin: E2E.baseURL };
    expect((await request.post("/api/runbook/checks", { headers, data: { check: "smoke; rm -rf /" } })).status()).toBe(422);
    expect((await request.post("/api/runbook/checks", { headers, data: { check: "toString" } })).status()).toBe(422);
    expect((await request.post("/api/runbook/checks", { headers: { Origin: "https://evil.example" }, data: { check: "vault" } })).status()).toBe(403);
  });
});
