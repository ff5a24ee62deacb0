import { expect, test as setup } from "@playwright/test";
import { storageStateFor, type DemoRole } from "./env";

for (const role of ["viewer", "responder", "admin"] as DemoRole[]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Username").fill(role);
    await page.getByLabel("Password").fill("demo");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await expect(page.getByText(`· ${role}`)).toBeVisible();
    await page.context().storageState({ path: storageStateFor(role) });
  });
}
