import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E, storageStateFor, type DemoRole } from "../env";

// A page refused to a signed-in user is in the audit trail like an API refusal: who, which page, why.
const as = (playwright: { request: { newContext(o: object): Promise<APIRequestContext> } }, role: DemoRole) =>
  playwright.request.newContext({ baseURL: E2E.baseURL, storageState: storageStateFor(role) });

interface Row { at: string; actor: string; target: string | null; outcome: string; details: { method?: string; why?: string; page?: boolean } | null }

test("a viewer refused the audit trail page is recorded once however often the page is reloaded; the page path cannot be forged", async ({ playwright }) => {
  const viewer = await as(playwright, "viewer");
  const admin = await as(playwright, "admin");
  const started = Date.now();
  const forged = `/forged-${started}`;
  for (let i = 0; i < 4; i++) {
    const res = await viewer.get("/audit", { headers: i === 3 ? { "X-Console-Page-Path": forged } : {} });
    expect(res.status()).toBe(200);
    expect(await res.text()).toContain("The audit trail needs the admin role.");
  }
  const rows = ((await (await admin.get("/api/audit?action=access.refused&actor=demo:viewer&limit=500")).json()) as { rows: Row[] }).rows;
  const page = rows.filter((r) => r.target === "/audit" && r.details?.page === true);
  // Once a minute per user and page: this test's visits add at most one, and one exists from the last minute.
  expect(page.filter((r) => Date.parse(r.at) >= started).length).toBeLessThanOrEqual(1);
  expect(page.some((r) => Date.parse(r.at) >= started - 61_000)).toBe(true);
  expect(page[0]).toMatchObject({ outcome: "denied", details: { method: "GET", why: "needs admin", page: true } });
  expect(rows.some((r) => r.target === forged)).toBe(false);
  await Promise.all([viewer.dispose(), admin.dispose()]);
});

test("the admin is not refused, and a visitor with no valid session is only sent to sign in, not recorded", async ({ playwright }) => {
  const admin = await as(playwright, "admin");
  const started = Date.now();
  expect((await admin.get("/audit")).status()).toBe(200);
  const stranger = await playwright.request.newContext({ baseURL: E2E.baseURL });
  // No cookie: the proxy redirects. A cookie that is no session: the page itself does (pageUser).
  for (const headers of [{}, { Cookie: "console.session=not-a-session" }] as Record<string, string>[]) {
    const res = await stranger.get("/audit", { maxRedirects: 0, headers });
    expect(res.status()).toBe(307);
    expect(res.headers().location).toContain("/login");
  }
  const rows = ((await (await admin.get("/api/audit?action=access.refused&limit=500")).json()) as { rows: Row[] }).rows;
  expect(rows.filter((r) => r.target === "/audit" && r.actor !== "demo:viewer" && Date.parse(r.at) >= started - 1_000)).toEqual([]);
  await Promise.all([admin.dispose(), stranger.dispose()]);
});
