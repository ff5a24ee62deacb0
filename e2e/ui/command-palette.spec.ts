import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "../env";

test.use({ storageState: storageStateFor("viewer") });

/** Where keyboard focus is: inside the open palette, or which element of the page behind. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    return { inPalette: Boolean(a?.closest("[data-testid=command-palette]")), tag: a?.tagName ?? null, name: (a?.getAttribute("aria-label") ?? a?.textContent?.trim() ?? "").slice(0, 60) };
  });

/** After hydration: a key pressed before React attached its handlers would do nothing, in a test as for a person. */
async function paletteReady(page: Page) {
  await expect(page.getByTestId("command-palette")).toHaveAttribute("data-ready", "true");
}

test("command palette, keyboard only: a modal dialog that keeps Tab inside, closes on Escape from any element and gives focus back", async ({ page }) => {
  await page.goto("/slo");
  await paletteReady(page);
  const opener = page.getByRole("button", { name: "Open command palette (Ctrl+K)" });
  await opener.focus();
  await page.keyboard.press("Enter");
  const palette = page.getByRole("dialog", { name: "Command palette" });
  await expect(palette).toBeVisible();
  await expect(palette.getByRole("combobox")).toBeFocused();
  // Modal: the page behind is inert, so it is out of reach of the mouse, Tab and assistive technology alike.
  expect(await palette.evaluate((d) => d.matches(":modal"))).toBe(true);

  // Tab and Shift+Tab cycle: never to the header, the sidebar or the document's body.
  for (const key of ["Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab"]) {
    await page.keyboard.press(key);
    const f = await focused(page);
    expect(f.inPalette, `after ${key}, focus is on ${f.tag} "${f.name}"`).toBe(true);
  }
  // Escape from an element that is not the input closes it too.
  await palette.getByRole("button", { name: /Close/ }).focus();
  await page.keyboard.press("Escape");
  await expect(palette).toBeHidden();
  await expect(opener).toBeFocused();

  // Ctrl+K from a sidebar link: Escape from the input, focus back on the link.
  const link = page.getByRole("navigation", { name: "Console" }).getByRole("link").first();
  await link.focus();
  await page.keyboard.press("Control+k");
  await expect(palette.getByRole("combobox")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(palette).toBeHidden();
  await expect(link).toBeFocused();

  // A command still navigates (Enter on the active option).
  await page.keyboard.press("Control+k");
  await page.keyboard.type("smoke");
  await page.keyboard.press("Enter");
  await expect(palette).toBeHidden();
  await expect(page).toHaveURL(/\/smoke/);
});

test("command palette: selecting the query with a drag that ends outside keeps it open; a click on the backdrop closes it", async ({ page }) => {
  await page.goto("/slo");
  await paletteReady(page);
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Command palette" });
  const input = palette.getByRole("combobox");
  await expect(input).toBeFocused();
  await page.keyboard.type("saga smoke");
  const box = (await palette.boundingBox())!;
  const field = (await input.boundingBox())!;
  const viewport = page.viewportSize()!;
  const outside = { x: box.x + box.width / 2, y: Math.min(box.y + box.height + 60, viewport.height - 5) };
  expect(outside.y).toBeGreaterThan(box.y + box.height);

  // Drag-select the query from inside the input, release below the dialog's box.
  await page.mouse.move(field.x + field.width - 20, field.y + field.height / 2);
  await page.mouse.down();
  await page.mouse.move(field.x + 5, field.y + field.height / 2, { steps: 5 });
  await page.mouse.move(outside.x, outside.y, { steps: 5 });
  await page.mouse.up();
  await expect(palette).toBeVisible();
  await expect(input).toHaveValue("saga smoke");
  expect(await palette.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);

  // A real backdrop click, pressed and released outside, still closes it.
  await page.mouse.move(outside.x, outside.y);
  await page.mouse.down();
  await page.mouse.up();
  await expect(palette).toBeHidden();
});
