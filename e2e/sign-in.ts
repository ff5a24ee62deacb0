import { expect, type Browser, type Page } from "@playwright/test";

/** A fresh browser context (a "device") signed in through the sign-in form as `user`, on `baseURL` (default: the e2e console). */
export async function signInDevice(browser: Browser, user: { username: string; password: string }, opts: { userAgent?: string; baseURL?: string } = {}) {
  const context = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    ...(opts.userAgent ? { userAgent: opts.userAgent } : {}),
    ...(opts.baseURL ? { baseURL: opts.baseURL } : {}),
  });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  return { context, page };
}

/** A page on the console at `baseURL`, signed in as one of the demo users (CONSOLE_DEMO, password "demo"). */
export async function signInDemo(browser: Browser, baseURL: string, username: "viewer" | "responder" | "admin"): Promise<Page> {
  return (await signInDevice(browser, { username, password: "demo" }, { baseURL })).page;
}
