import { expect, test, type Browser } from "@playwright/test";
import { signInDevice } from "../sign-in";

// A user of its own (e2e/users.yaml): revoking the shared demo users' sessions would sign out every other spec.
const USER = { username: "e2e-everywhere", password: "e2e-everywhere-password" };

const signedInDevice = (browser: Browser) => signInDevice(browser, USER);

test("signing out everywhere ends the user's sessions on another device too", async ({ browser }) => {
  const laptop = await signedInDevice(browser);
  const phone = await signedInDevice(browser);
  await expect((await phone.page.request.get("/api/smoke/runs")).status()).toBe(200);

  await laptop.page.getByRole("button", { name: "everywhere" }).click();
  await expect(laptop.page).toHaveURL(/\/login/);

  // The other device keeps its cookie, but the console no longer accepts it.
  const res = await phone.page.request.get("/api/smoke/runs");
  expect(res.status()).toBe(401);
  await phone.page.goto("/sagas");
  await expect(phone.page).toHaveURL(/\/login/);

  // Signing in again afterwards works.
  const again = await signedInDevice(browser);
  await expect((await again.page.request.get("/api/smoke/runs")).status()).toBe(200);
  for (const d of [laptop, phone, again]) await d.context.close();
});
