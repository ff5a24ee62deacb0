/**
 * The 10,000-entry saga page in a real Chromium: time from navigation until the history list is visible and
 * answers input, and how many history rows are in the DOM (virtualised, so bounded). Called by `npm run bench`.
 */
import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_FLAGS } from "../e2e/browser";

export interface SagaPageBench {
  msToInteractive: number;
  renderedRows: number;
}

async function loadOnce(page: Page, url: string): Promise<number> {
  const started = performance.now();
  await page.goto(url, { waitUntil: "commit" });
  await page.locator('[data-testid="history-row"]').first().waitFor({ state: "visible", timeout: 30_000 });
  await page.getByRole("button", { name: "Jump to first failure" }).and(page.locator(":enabled")).waitFor({ timeout: 30_000 });
  // Interactive: the main thread is free to paint the next frame after the rows are in.
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  return performance.now() - started;
}

export async function benchSagaPage(opts: { baseURL: string; storageState: string; sagaId: string; executablePath?: string }): Promise<SagaPageBench> {
  const browser = await chromium.launch({ executablePath: opts.executablePath, args: CHROMIUM_FLAGS });
  try {
    const context = await browser.newContext({ storageState: opts.storageState, baseURL: opts.baseURL, viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const url = `/sagas/${encodeURIComponent(opts.sagaId)}`;
    // The first load compiles nothing in production but warms the server's caches and the browser's; it is not counted.
    await loadOnce(page, url);
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) runs.push(await loadOnce(page, url));
    runs.sort((a, b) => a - b);
    const renderedRows = await page.locator('[data-testid="history-row"]').count();
    // Scrolling must not grow the DOM: jump to the first failure and count again.
    await page.getByRole("button", { name: "Jump to first failure" }).click();
    await page.locator('[data-testid="history-row"][aria-current="true"]').waitFor({ timeout: 10_000 });
    const afterJump = await page.locator('[data-testid="history-row"]').count();
    await context.close();
    return { msToInteractive: runs[1]!, renderedRows: Math.max(renderedRows, afterJump) };
  } finally {
    await browser.close();
  }
}
