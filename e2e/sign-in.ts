import { expect, type Browser } from "@playwright/test";

/** A fresh browser context (a "device") signed in through the sign-in form as `user`. */
export async function signInDevice(browser: Browser, user: { username: string; password: string }, userAgent?: string) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, ...(userAgent ? { userAgent } : {}) });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  return { context, page };
}
