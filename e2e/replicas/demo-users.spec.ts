import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Browser } from "@playwright/test";
import { E2E } from "../env";
import { platformEnv, startReplica, type Replica } from "./cluster";
import { signInDemo } from "../sign-in";

// CONSOLE_DEMO=1 only enables demo users. A console started with `next start` (not `npm start`) and pointed at
// platform URLs did not start the simulator, so it must not call the platform simulated, even though these
// URLs are loopback ones (they are the e2e simulator's: the console may not guess from the URL).
const signIn = (browser: Browser, baseURL: string, user: "viewer" | "responder" | "admin") => signInDemo(browser, baseURL, user);

test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

let replica: Replica;
let dataDir: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataDir = mkdtempSync(join(tmpdir(), "console-demo-users-"));
  replica = await startReplica({
    ...platformEnv(E2E.sim),
    MGMT_API_TOKEN: E2E.upstreamToken,
    CONSOLE_DEMO: "1",
    DATA_DIR: dataDir,
    NEXTAUTH_SECRET: "demo-users-secret-demo-users-secret-000000",
  });
});

test.afterAll(async () => {
  await replica?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});


async function loginPageText(browser: Browser, baseURL: string): Promise<string> {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  const text = await page.getByRole("region", { name: "Demo users" }).innerText();
  await context.close();
  return text;
}

test("the console npm start ran on its own simulator says the platform is simulated and offers its ids", async ({ browser }) => {
  expect(await loginPageText(browser, E2E.baseURL)).toContain("Demo — simulated platform");
  const page = await signIn(browser, E2E.baseURL, "viewer");
  await expect(page.getByTestId("simulated-banner")).toHaveText(/simulated platform/);
  await expect(page.getByTestId("demo-users-notice")).toHaveCount(0);
  await expect(page.getByText(/^Tenant acme, API v1 — simulated platform\./)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Try the demo" })).toBeVisible();
  await page.context().close();
});

test("CONSOLE_DEMO=1 on a platform the console did not start: a demo-users notice, nothing simulated", async ({ browser }) => {
  // The sign-in page too: it is the first thing an SRE reads.
  const login = await loginPageText(browser, replica.url);
  expect(login).toContain("Demo users enabled (CONSOLE_DEMO) — the platform is real");
  expect(login).not.toMatch(/simulated/i);
  const page = await signIn(browser, replica.url, "responder");
  await expect(page.getByTestId("demo-users-notice")).toContainText("Demo users enabled");
  await expect(page.getByTestId("simulated-banner")).toHaveCount(0);
  await expect(page.getByText(/simulated platform/i)).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Try the demo" })).toHaveCount(0);
  await expect(page.locator('a[href^="/sagas/5f0c3a52-"]')).toHaveCount(0);
  for (const path of ["/health", "/sagas", "/smoke"]) {
    await page.goto(path);
    await expect(page.getByTestId("demo-users-notice")).toBeVisible();
    await expect(page.getByText(/simulated platform/i)).toHaveCount(0);
  }

  // A smoke run is labelled with the platform it checked, not "demo".
  const run = await page.request.post("/api/smoke/runs", { data: { includeIsolation: false }, headers: { Origin: replica.url } });
  expect(run.status()).toBe(200);
  const done = (await run.text()).trim().split("\n").map((l) => JSON.parse(l) as { type: string; run?: { platform: string } }).find((l) => l.type === "done");
  expect(done?.run?.platform).toBe(new URL(E2E.sim.mgmt).origin);
  await page.goto("/smoke");
  await expect(page.getByText(new RegExp(`on ${new URL(E2E.sim.mgmt).origin.replace(/[.:/]/g, "\\$&")}`)).first()).toBeVisible();
  await expect(page.getByText(/ on demo/)).toHaveCount(0);
  await page.context().close();
});
