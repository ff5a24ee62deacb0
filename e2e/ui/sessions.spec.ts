import { expect, test, type Browser } from "@playwright/test";
import { signInDevice } from "../sign-in";

// A user of its own (e2e/users.yaml): ending the shared demo users' sessions would sign out other specs.
const USER = { username: "e2e-sessions-ui", password: "e2e-everywhere-password" };

const device = (browser: Browser, userAgent: string) => signInDevice(browser, USER, { userAgent });

test("the sessions page lists where and when the user is signed in, and ends another device's session", async ({ browser }) => {
  const laptop = await device(browser, "E2E-Laptop/1.0");
  const phone = await device(browser, "E2E-Phone/2.0");

  await laptop.page.locator("header").getByRole("link", { name: "sessions" }).click();
  await expect(laptop.page).toHaveURL(/\/account\/sessions$/);
  await expect(laptop.page.getByRole("heading", { name: "Your active sessions" })).toBeVisible();
  const table = laptop.page.getByRole("table", { name: "Active sessions" });
  const phoneRow = table.getByRole("row").filter({ hasText: "E2E-Phone/2.0" });
  const laptopRow = table.getByRole("row").filter({ hasText: "E2E-Laptop/1.0" });
  await expect(laptopRow).toContainText("this session");
  await expect(phoneRow).toContainText("127.0.0.1");
  await expect(phoneRow).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);

  await phoneRow.getByRole("button", { name: /^End session/ }).click();
  await expect(laptop.page.getByRole("status").filter({ hasText: "Ended the session" })).toBeVisible();
  await expect(phoneRow).toHaveCount(0);

  // The phone is signed out at once; the laptop is not.
  await phone.page.goto("/sagas");
  await expect(phone.page).toHaveURL(/\/login/);
  expect((await laptop.page.request.get("/api/sessions")).status()).toBe(200);
  for (const d of [laptop, phone]) await d.context.close();
});
