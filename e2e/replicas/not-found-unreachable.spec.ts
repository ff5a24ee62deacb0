import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Browser } from "@playwright/test";
import { freePort } from "../../scripts/bench/console-server";
import { startSimulator, type RunningSim } from "../../sim/server";
import { platformEnv, startReplica, type Replica } from "./cluster";
import { signInDemo } from "../sign-in";

// A console whose REDIS_URL points at a loopback port nothing listens on: Redis cannot be asked. A saga or key
// the API does not know is then "not found in the API; Redis could not be asked", which is not a final answer.
const signIn = (browser: Browser) => signInDemo(browser, console_.url, "viewer");

test.describe.configure({ mode: "serial" });
test.setTimeout(90_000);

let sim: RunningSim;
let console_: Replica;
let dataDir: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  sim = await startSimulator({ portBase: 0, static: true });
  dataDir = mkdtempSync(join(tmpdir(), "console-redis-unreachable-"));
  console_ = await startReplica({
    ...platformEnv(sim.urls),
    // Free a moment ago and closed now: connections are refused.
    REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
    DATA_DIR: dataDir,
    CONSOLE_DEMO: "1",
    NEXTAUTH_SECRET: "redis-unreachable-secret-redis-unreachable-0",
  });
});

test.afterAll(async () => {
  await console_?.stop();
  await sim?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});


// Each page's usual refresh interval (5 s for a saga, 15 s for a key).
for (const [what, path, api, everyMs] of [
  ["saga", "/sagas/5f0c3a52-1e7b-4c4a-9d2e-6a1b7c00dead", "/api/bgops/sagas/5f0c3a52-1e7b-4c4a-9d2e-6a1b7c00dead", 5_000],
  ["idempotency key", "/idempotency/e2e-never-seen-key", "/api/bgops/idempotency/e2e-never-seen-key", 15_000],
] as const) {
  test(`an unknown ${what} with Redis unreachable is not final: no link to Redis, and the page keeps asking`, async ({ browser }) => {
    const page = await signIn(browser);
    const asks: number[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname === api) asks.push(Date.now());
    });
    await page.goto(path);
    const notFound = page.getByTestId("bgops-not-found");
    await expect(notFound).toContainText("not found in the bgops API");
    await expect(notFound).toContainText("Redis could not be asked");
    await expect(notFound.getByTestId("not-found-not-final")).toContainText("Not final: Redis could not be asked");
    await expect(page.getByRole("link", { name: /Look in .* instead/ })).toHaveCount(0);
    await expect(notFound).not.toContainText("No other source is configured");
    const retry = page.getByTestId("retry-line");
    await expect(retry).not.toContainText("not retrying");
    await expect(retry).toContainText(/retrying (in \d+ s|now…)/);
    // Asked again at the page's usual interval, like a platform failure (a final 404 is never asked again).
    await expect.poll(() => asks.length, { timeout: everyMs + 3_000 }).toBeGreaterThanOrEqual(1);
    await expect(notFound.getByTestId("not-found-not-final")).toBeVisible();
    await page.context().close();
  });
}

test("a saga read via Redis while Redis refuses connections: titled as a Redis failure, with its real cause", async ({ browser }) => {
  const page = await signIn(browser);
  await page.goto("/sagas/5f0c3a52-1e7b-4c4a-9d2e-6a1b7c00dead?via=redis");
  const failure = page.getByTestId("known-failure");
  await expect(failure).toContainText("Saga could not be read from Redis");
  await expect(failure).toContainText("ECONNREFUSED");
  await expect(failure).not.toContainText("from the platform");
  await page.context().close();
});
