import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { E2E, storageStateFor } from "../env";

test.use({ storageState: storageStateFor("responder") });

function expectSecurityHeaders(res: APIResponse, what: string) {
  const h = res.headers();
  const csp = h["content-security-policy"] ?? "";
  expect(csp, `${what}: CSP`).toContain("default-src 'self'");
  expect(csp, `${what}: CSP`).toContain("frame-ancestors 'none'");
  expect(csp, `${what}: CSP`).not.toContain("unsafe-eval");
  expect(h["x-content-type-options"], what).toBe("nosniff");
  expect(h["referrer-policy"], what).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
}

test("security headers on pages and API answers, signed in or not", async ({ request, playwright }) => {
  const page = await request.get("/smoke");
  expect(page.status()).toBe(200);
  expect(page.headers()["content-type"]).toContain("text/html");
  expectSecurityHeaders(page, "page /smoke");
  const api = await request.get("/api/smoke/runs");
  expect(api.status()).toBe(200);
  expectSecurityHeaders(api, "GET /api/smoke/runs");
  expect(api.headers()["cache-control"]).toBe("no-store");

  // An explicit empty state: a new context would otherwise inherit this file's responder session.
  const anonymous = await playwright.request.newContext({ baseURL: E2E.baseURL, storageState: { cookies: [], origins: [] } });
  try {
    expectSecurityHeaders(await anonymous.get("/login"), "page /login");
    const refused = await anonymous.get("/api/smoke/runs");
    expect(refused.status()).toBe(401);
    expectSecurityHeaders(refused, "401 from the API");
  } finally {
    await anonymous.dispose();
  }
});

async function smokeRunIds(request: APIRequestContext): Promise<string[]> {
  const res = await request.get("/api/smoke/runs?limit=200");
  expect(res.status()).toBe(200);
  return ((await res.json()).runs as { id: string }[]).map((r) => r.id);
}

test.describe("state-changing requests", () => {
  const CROSS_SITE: { name: string; headers: Record<string, string> }[] = [
    { name: "Origin https://evil.example", headers: { Origin: "https://evil.example" } },
    { name: "Sec-Fetch-Site: cross-site", headers: { "Sec-Fetch-Site": "cross-site" } },
    { name: "both", headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" } },
    { name: "neither header", headers: {} },
  ];

  for (const c of CROSS_SITE) {
    test(`a cross-site POST (${c.name}) is refused with 403 and starts no smoke run`, async ({ request }) => {
      const before = await smokeRunIds(request);
      const res = await request.post("/api/smoke/runs", {
        headers: { ...c.headers, "Content-Type": "application/json" },
        data: { includeIsolation: false },
      });
      expect(res.status()).toBe(403);
      expect((await res.json()).error.code).toBe("cross_site");
      // A run that had been accepted would be saved before its stream ends, so it would be listed by now.
      expect(await smokeRunIds(request)).toEqual(before);
    });
  }

  test("a same-origin POST that is not JSON is refused with 400 and starts no smoke run", async ({ request }) => {
    const before = await smokeRunIds(request);
    const res = await request.post("/api/smoke/runs", {
      headers: { Origin: E2E.baseURL, "Sec-Fetch-Site": "same-origin", "Content-Type": "text/plain" },
      data: JSON.stringify({ includeIsolation: false }),
    });
    expect(res.status()).toBe(400);
    expect((await res.json()).error.code).toBe("invalid_input");
    expect(await smokeRunIds(request)).toEqual(before);
  });
});

test.describe("the upstream token never reaches a browser", () => {
  const token = E2E.upstreamToken;

  function files(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
  }

  test("not in any built client file under .next/static", () => {
    const all = files(".next/static");
    expect(all.filter((f) => f.endsWith(".js")).length, "the walk found the client bundle").toBeGreaterThan(10);
    const leaking = all.filter((f) => readFileSync(f).includes(token));
    expect(leaking.map((f) => relative(".", f))).toEqual([]);
  });

  test("not in the HTML of the console's pages", async ({ playwright }) => {
    const admin = await playwright.request.newContext({ baseURL: E2E.baseURL, storageState: storageStateFor("admin") });
    try {
      for (const path of ["/", "/runbook", "/incidents", "/smoke", "/health", "/sagas", "/idempotency", "/slo", "/audit", "/login"]) {
        const res = await admin.get(path);
        expect(res.status(), path).toBeLessThan(500);
        expect(await res.text(), path).not.toContain(token);
      }
    } finally {
      await admin.dispose();
    }
  });

  test("not in any JSON the console's GET routes answer", async ({ playwright }) => {
    const admin = await playwright.request.newContext({ baseURL: E2E.baseURL, storageState: storageStateFor("admin"), extraHTTPHeaders: { Origin: E2E.baseURL } });
    try {
      // A smoke run of this test's own (isolation checks included: they send the token with hostile headers), so
      // the run's detail route is always read.
      const created = await admin.post("/api/smoke/runs", { data: { includeIsolation: true }, timeout: 30_000 });
      expect(created.status()).toBe(200);
      const lines = (await created.text()).trim().split("\n").map((l) => JSON.parse(l) as { type: string; run?: { id: string } });
      const done = lines.at(-1);
      expect(done?.type, "the smoke run finished").toBe("done");
      expect(await created.text()).not.toContain(token);
      // Every GET route without a path parameter, found the way the access walk finds them, so new routes are covered.
      const urls = files("app/api")
        .filter((f) => f.endsWith("/route.ts") && !f.includes("[") && !f.startsWith("app/api/auth/"))
        .filter((f) => /export\s+(const|async function|function)\s+GET\b/.test(readFileSync(f, "utf8")))
        .map((f) => "/" + relative("app", f).replace(/\/route\.ts$/, ""));
      expect(urls).toContain("/api/smoke/runs");
      const runs = (await (await admin.get("/api/smoke/runs?limit=1")).json()).runs as { id: string }[];
      expect(runs.map((r) => r.id)).toEqual([done!.run!.id]);
      urls.push(`/api/smoke/runs/${done!.run!.id}`);
      urls.push("/api/auth/session");
      for (const url of urls) {
        const res = await admin.get(url, { timeout: 15_000 });
        expect(await res.text(), url).not.toContain(token);
      }
    } finally {
      await admin.dispose();
    }
  });
});
