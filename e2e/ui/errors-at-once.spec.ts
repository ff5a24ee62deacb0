import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "../env";
import { setSimScenario, simCatalog, type SimCatalog } from "./bgops-helpers";

// The e2e console runs with the default UPSTREAM_TIMEOUT_MS.
const UPSTREAM_TIMEOUT_MS = 5_000;

test.use({ storageState: storageStateFor("viewer") });
test.describe.configure({ mode: "serial" });

let cat: SimCatalog;
test.beforeAll(async ({ request }) => {
  cat = await simCatalog(request);
});

test.afterEach(async ({ request }) => {
  await setSimScenario(request, "healthy");
});

/** Counts, in the page, every time a known failure panel left the screen after it had been shown. */
async function watchFailurePanel(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __failureShown: boolean; __failureLost: number };
    w.__failureShown = false;
    w.__failureLost = 0;
    new MutationObserver(() => {
      const present = document.querySelector('[data-testid="known-failure"]') !== null;
      if (present) w.__failureShown = true;
      else if (w.__failureShown) {
        w.__failureLost += 1;
        w.__failureShown = false;
      }
    }).observe(document, { childList: true, subtree: true });
  });
  return () => page.evaluate(() => (window as unknown as { __failureLost: number }).__failureLost);
}

/** The "failing since HH:MM:SS" of a known failure: when the streak began, which a browser retry must not reset. */
async function failingSince(page: Page): Promise<string> {
  const text = await page.getByTestId("known-failure").getByTestId("retry-line").innerText();
  return /failing since (\d\d:\d\d:\d\d) UTC/.exec(text)?.[1] ?? `no "failing since" in: ${text}`;
}

function countRequests(page: Page, fragment: string) {
  const seen: number[] = [];
  page.on("request", (r) => {
    if (r.url().includes(fragment)) seen.push(Date.now());
  });
  return seen;
}

test("a hanging platform: the saga page shows the timeout within UPSTREAM_TIMEOUT_MS + 1 s and keeps it on screen while it retries", async ({ page, request }) => {
  test.setTimeout(60_000);
  const id = cat.sagas.completed!;
  const lost = await watchFailurePanel(page);
  const calls = countRequests(page, `/api/bgops/sagas/${id}`);
  await setSimScenario(request, "hang");
  // Past the console's 2 s coalescing window, so no earlier healthy answer is reused.
  await page.waitForTimeout(2_200);

  await page.goto(`/sagas/${id}`);
  const failure = page.getByTestId("known-failure");
  await expect(failure.getByTestId("bgops-signature")).toContainText("did not answer in time", { timeout: UPSTREAM_TIMEOUT_MS + 5_000 });
  // From the moment the browser asked (the hang began) to the error on screen.
  const shownAfter = Date.now() - calls[0]!;
  expect(shownAfter, `error shown ${shownAfter} ms after the browser asked`).toBeLessThanOrEqual(UPSTREAM_TIMEOUT_MS + 1_000);
  // One request from the browser: the console's server already gave its final answer.
  expect(calls).toHaveLength(1);
  await expect(failure.getByTestId("retry-line")).toHaveText(/failing since \d\d:\d\d:\d\d UTC \(.+\) · last answer .+ ago · retrying in \d s/);

  // The next refresh starts 5 s after the error and hangs another 5 s: the error stays throughout.
  await expect(failure.getByTestId("retry-line")).toContainText("retrying now…", { timeout: 7_000 });
  await expect(page.getByText("Loading the saga and its history…")).toHaveCount(0);
  await expect(failure.getByTestId("retry-line")).toContainText(/retrying in \d s/, { timeout: UPSTREAM_TIMEOUT_MS + 2_000 });
  expect(calls).toHaveLength(2);
  expect(await lost()).toBe(0);
});

test("redis-down: the saga page explains the failure after one request and never blinks back to Loading", async ({ page, request }) => {
  test.setTimeout(60_000);
  const id = cat.sagas.compensated!;
  const lost = await watchFailurePanel(page);
  const calls = countRequests(page, `/api/bgops/sagas/${id}`);
  await setSimScenario(request, "redis-down");
  await page.waitForTimeout(2_200);

  const asked = Date.now();
  await page.goto(`/sagas/${id}`);
  const panel = page.getByTestId("known-failure").getByTestId("bgops-signature");
  await expect(panel).toContainText("bgops cannot reach Redis");
  // The server met the failure while rendering the page: it is in the first paint, and the browser does not
  // ask again at once (that would stack its retry on the server's own); it asks at the next poll.
  expect(Date.now() - asked).toBeLessThan(2_000);
  expect(calls, "the browser asked again at once instead of at the next poll").toHaveLength(0);
  await expect(page.getByTestId("retry-line")).toContainText(/retrying in \d s/);
  const since = await failingSince(page);

  // Two refresh cycles (every 5 s): each one fails fast, and the panel never gives way to "Loading…".
  await expect.poll(() => calls.length, { timeout: 13_000 }).toBeGreaterThanOrEqual(2);
  expect(calls[0]! - asked, "the first browser request waited for the poll").toBeGreaterThan(3_000);
  await expect(panel).toBeVisible();
  await expect(page.getByTestId("retry-line")).toContainText(/retrying in \d s/);
  // The browser's failures continue the streak the server began: its start is not reset.
  expect(await failingSince(page)).toBe(since);
  expect(await lost()).toBe(0);
});

test("redis-down: the idempotency list has its error in the first paint and keeps it on screen across refreshes", async ({ page, request }) => {
  test.setTimeout(45_000);
  const lost = await watchFailurePanel(page);
  const calls = countRequests(page, "/api/bgops/idempotency");
  await setSimScenario(request, "redis-down");
  await page.waitForTimeout(2_200);

  const asked = Date.now();
  await page.goto("/idempotency");
  const failure = page.getByTestId("known-failure");
  await expect(failure.getByTestId("bgops-signature")).toContainText("bgops cannot reach Redis");
  // In the first paint, as on the saga page: no browser request on hydration, no "Loading…" in between.
  expect(calls, "the browser asked again at once instead of at the next poll").toHaveLength(0);
  await expect(page.getByText("Loading the recent keys…")).toHaveCount(0);
  await expect(failure.getByTestId("retry-line")).toHaveText(/retrying in \d+ s/);
  const since = await failingSince(page);
  // The next poll (every 10 s) fails again; the error stays and its streak keeps the server's start.
  await expect.poll(() => calls.length, { timeout: 13_000 }).toBeGreaterThanOrEqual(1);
  expect(calls[0]! - asked, "the first browser request waited for the poll").toBeGreaterThan(5_000);
  await expect(failure.getByTestId("retry-line")).toHaveText(/retrying in \d+ s/, { timeout: 8_000 });
  await expect(failure.getByTestId("bgops-signature")).toBeVisible();
  expect(await failingSince(page)).toBe(since);
  expect(await lost()).toBe(0);
});

test("redis-down: the key page has the explained failure in its first paint and waits for its poll to ask again", async ({ page, request }) => {
  const key = Object.values(cat.keys)[0]!;
  const lost = await watchFailurePanel(page);
  const calls = countRequests(page, `/api/bgops/idempotency/${encodeURIComponent(key)}`);
  await setSimScenario(request, "redis-down");
  await page.waitForTimeout(2_200);

  await page.goto(`/idempotency/${encodeURIComponent(key)}`);
  const failure = page.getByTestId("known-failure");
  await expect(failure.getByTestId("bgops-signature")).toContainText("bgops cannot reach Redis");
  await expect(failure.getByTestId("retry-line")).toHaveText(/failing since \d\d:\d\d:\d\d UTC .* · retrying in \d+ s/);
  await expect(page.getByText("Loading the key…")).toHaveCount(0);
  // The key page polls every 15 s: nothing is asked again before then.
  await page.waitForTimeout(5_000);
  expect(calls).toHaveLength(0);
  expect(await lost()).toBe(0);
});

test("a not-found saga is final: the page says so and stops asking", async ({ page }) => {
  const id = "00000000-0000-4000-8000-00000000dead";
  const calls = countRequests(page, `/api/bgops/sagas/${id}`);
  await page.goto(`/sagas/${id}`);
  await expect(page.getByTestId("bgops-not-found")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("retry-line")).toContainText("not retrying");
  await page.waitForTimeout(6_000);
  // The server met the 404 while rendering the page; the browser never asks for it at all.
  expect(calls).toHaveLength(0);
});
