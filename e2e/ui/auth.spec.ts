import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { E2E, storageStateFor, type DemoRole } from "../env";

const SIGNED_OUT = { cookies: [], origins: [] };

// The limiter counts per username and address: throwaway names never lock out the demo users other specs share.
const throwaway = (what: string) => `e2e-${what}-${randomBytes(4).toString("hex")}`;

// Scoped to the form: Next's route announcer is an (empty) role=alert too.
const formAlert = (page: Page) => page.getByRole("form", { name: "Sign in" }).getByRole("alert");

async function submitSignIn(page: Page, username: string, password: string) {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await Promise.all([
    page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials")),
    page.getByRole("button", { name: "Sign in", exact: true }).click(),
  ]);
}

test.describe("signed out", () => {
  test.use({ storageState: SIGNED_OUT });

  test("a wrong password says so and stays on the sign-in page", async ({ page }) => {
    await page.goto("/login");
    await submitSignIn(page, throwaway("wrong"), "not-the-password");
    await expect(formAlert(page)).toHaveText("Wrong username or password.");
    await expect(page).toHaveURL(/\/login/);
  });

  test("after five failures the form says when to try again", async ({ page }) => {
    const username = throwaway("throttle");
    await page.goto("/login");
    for (let attempt = 1; attempt <= 5; attempt++) {
      await submitSignIn(page, username, `guess-${attempt}`);
      await expect(formAlert(page)).toHaveText("Wrong username or password.");
    }
    await submitSignIn(page, username, "guess-6");
    await expect(formAlert(page)).toHaveText(/Too many failed attempts; try again in \d+ s\./);
  });

  for (const role of ["viewer", "responder", "admin"] as DemoRole[]) {
    test(`the demo ${role} signs in and sees the role in the header`, async ({ page }) => {
      await page.goto("/login");
      await submitSignIn(page, role, "demo");
      await expect(page).toHaveURL((url) => url.pathname === "/");
      const header = page.locator("header");
      await expect(header.getByText(`· ${role}`)).toBeVisible();
      await expect(header.getByRole("button", { name: "Sign out" })).toBeVisible();
      const auditLink = page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Audit trail" });
      await expect(auditLink).toHaveCount(role === "admin" ? 1 : 0);
    });
  }

  test("a deep link visited signed out returns to the same link after signing in", async ({ page }) => {
    await page.goto("/sagas?status=failed");
    await expect(page).toHaveURL((url) => url.pathname === "/login" && url.searchParams.get("callbackUrl") === "/sagas?status=failed");
    await submitSignIn(page, "viewer", "demo");
    await expect(page).toHaveURL((url) => url.pathname === "/sagas" && url.search === "?status=failed");
  });

  test("signing out in one tab ends the session in the other tabs", async ({ context }) => {
    const first = await context.newPage();
    await first.goto("/login");
    await submitSignIn(first, "responder", "demo");
    await expect(first.locator("header").getByText("· responder")).toBeVisible();
    const second = await context.newPage();
    await second.goto("/smoke");
    await expect(second.locator("header").getByText("· responder")).toBeVisible();

    await first.getByRole("button", { name: "Sign out" }).click();
    await expect(first).toHaveURL(/\/login/);

    await second.goto("/health");
    await expect(second).toHaveURL((url) => url.pathname === "/login" && url.searchParams.get("callbackUrl") === "/health");
    const api = await second.request.get("/api/smoke/runs");
    expect(api.status()).toBe(401);
  });
});

test.describe("sign-in redirects", () => {
  test.use({ storageState: storageStateFor("viewer") });

  for (const hostile of ["//evil.example/", "/\\evil.example/", "https://evil.example/"]) {
    test(`a callbackUrl of ${hostile} stays on the console`, async ({ page }) => {
      const res = await page.request.get(`/login?callbackUrl=${encodeURIComponent(hostile)}`, { maxRedirects: 0 });
      expect([303, 307, 308]).toContain(res.status());
      expect(new URL(res.headers()["location"] ?? "", E2E.baseURL).origin).toBe(E2E.baseURL);
    });
  }
});

test.describe("viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("cannot run a smoke test: the button is disabled and the API answers 403", async ({ page }) => {
    await page.goto("/smoke");
    await expect(page.getByRole("button", { name: "Run smoke test" })).toBeDisabled();
    await expect(page.getByText("running needs the responder role")).toBeVisible();
    const res = await page.request.post("/api/smoke/runs", {
      headers: { "Content-Type": "application/json", Origin: new URL(page.url()).origin },
      data: {},
    });
    expect(res.status()).toBe(403);
    expect(res.headers()["content-type"]).toContain("application/json");
    expect((await res.json()).error.code).toBe("forbidden");
  });

  test("is refused the audit trail, in the page and in the API", async ({ page }) => {
    await page.goto("/audit");
    await expect(page.getByRole("main").getByRole("alert")).toContainText("The audit trail needs the admin role.");
    await expect(page.getByRole("table", { name: "Audit records" })).toHaveCount(0);
    for (const url of ["/api/audit", "/api/audit/export.csv"]) {
      const res = await page.request.get(url);
      expect(res.status(), url).toBe(403);
      expect((await res.json()).error.code, url).toBe("forbidden");
    }
  });
});

test.describe("admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("reads the sign-in records, filters them by user in the URL, and pages back", async ({ page }) => {
    await page.goto("/audit?action=auth.sign_in");
    const table = page.getByRole("table", { name: "Audit records" });
    await expect(table.getByRole("row").nth(1)).toBeVisible();
    await expect(table.getByRole("button", { name: "Show only records by demo:viewer" }).first()).toBeVisible();
    await expect(table.getByRole("button", { name: "Show only records by demo:admin" }).first()).toBeVisible();

    await page.getByLabel("User").fill("demo:viewer");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get("actor") === "demo:viewer" && url.searchParams.get("action") === "auth.sign_in");
    await expect(table.getByRole("button", { name: /^Show only records by / })).not.toHaveCount(0);
    for (const actor of await table.getByRole("button", { name: /^Show only records by / }).allTextContents()) expect(actor).toBe("demo:viewer");

    await page.goto("/audit?action=auth.sign_in&limit=1");
    await expect(table.getByRole("row")).toHaveCount(2);
    const newest = await table.locator("time").first().getAttribute("datetime");
    await page.getByRole("button", { name: "Load more" }).click();
    await expect(table.getByRole("row")).toHaveCount(3);
    const older = await table.locator("time").nth(1).getAttribute("datetime");
    expect(Date.parse(older!)).toBeLessThanOrEqual(Date.parse(newest!));
  });

  test("exports the filtered trail as CSV, and the export is itself audited", async ({ page }) => {
    const res = await page.request.get("/api/audit/export.csv?action=auth.sign_in");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toMatch(/^text\/csv/);
    expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="audit-.*\.csv"$/);
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("id,at,actor,role,action,target,outcome,ip,details");
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) expect(line.split(",")[4]).toBe("auth.sign_in");

    const exports = await page.request.get("/api/audit?action=audit.export&actor=demo:admin&limit=1");
    const [latest] = (await exports.json()).rows;
    expect(latest).toMatchObject({ actor: "demo:admin", action: "audit.export", outcome: "ok", details: { filters: { action: "auth.sign_in" } } });
    expect(Date.now() - Date.parse(latest.at)).toBeLessThan(60_000);

    await page.goto("/audit?action=auth.sign_in");
    const link = page.getByRole("link", { name: "Export CSV (filtered)" });
    await expect(link).toHaveAttribute("href", "/api/audit/export.csv?action=auth.sign_in");
  });

  test("the audit API validates its filters", async ({ page }) => {
    const res = await page.request.get("/api/audit?from=yesterday");
    expect(res.status()).toBe(422);
    expect((await res.json()).error.message).toContain("from");
    const reversed = await page.request.get("/api/audit?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z");
    expect(reversed.status()).toBe(422);
  });
});
