import { expect, test } from "@playwright/test";
import { storageStateFor } from "../env";

test.use({ storageState: storageStateFor("responder") });

test("runbook §5: Run with an empty saga id or key says what to enter, and sends nothing", async ({ page }) => {
  await page.goto("/runbook#section-5");
  const sent: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/runbook/bgops")) sent.push(r.url());
  });
  for (const [template, field, message] of [
    ["/api/v1/bgops/sagas/{saga_id}", "saga_id", "Not sent: Enter a saga id (a UUID) to look it up"],
    ["/api/v1/bgops/sagas/{saga_id}/history", "saga_id", "Not sent: Enter a saga id (a UUID) to look it up"],
    ["/api/v1/bgops/idempotency/{key}", "key", "Not sent: Enter an idempotency key to look it up"],
  ] as const) {
    const form = page.getByRole("form", { name: `Run GET ${template}`, exact: true });
    await expect(form.getByLabel(field)).toHaveValue("");
    await form.getByRole("button", { name: "Run" }).click();
    await expect(form.getByRole("alert")).toHaveText(message);
  }
  expect(sent).toEqual([]);
});
