import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, test } from "@playwright/test";
import { E2E } from "../env";

const PUBLIC = new Set(["/api/healthz"]);
/**
 * Machine-to-machine routes: no session but a bearer token of their own. Without it they answer 401 like
 * every other route (the walk below checks that); these tests check a wrong token is refused the same way.
 */
const BEARER_ONLY = ["/api/alerts/alertmanager"];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return routeFiles(path);
    return name === "route.ts" ? [path] : [];
  });
}

/** Every route file under app/api with the methods it exports and a URL that reaches it. */
function apiRoutes() {
  return routeFiles("app/api").map((file) => {
    const source = readFileSync(file, "utf8");
    const methods = METHODS.filter((m) => new RegExp(`export\\s+(const|async function|function)\\s+${m}\\b|export\\s*\\{[^}]*\\b${m}\\b`).test(source));
    const url =
      "/" +
      relative("app", file)
        .replace(/\/route\.ts$/, "")
        .replace(/\[\.\.\.[^\]]+\]/g, "session")
        .replace(/\[[^\]]+\]/g, "0f8fad5b-d9cb-469f-a165-70867728950e");
    return { file, url, methods };
  });
}

const routes = apiRoutes().filter((r) => !r.url.startsWith("/api/auth/"));

test("the route walk found the console's API routes", () => {
  expect(routes.length).toBeGreaterThan(5);
  for (const r of routes) expect(r.methods.length, `${r.file} exports no HTTP method`).toBeGreaterThan(0);
});

for (const r of routes) {
  for (const method of r.methods) {
    test(`anonymous ${method} ${r.url} → ${PUBLIC.has(r.url) ? "allowed" : "401"}`, async ({ request }) => {
      const res = await request.fetch(r.url, {
        method,
        headers: { "Content-Type": "application/json", Origin: E2E.baseURL },
        data: method === "GET" ? undefined : "{}",
        maxRedirects: 0,
      });
      if (PUBLIC.has(r.url)) {
        expect(res.status()).toBe(200);
        return;
      }
      expect(res.status()).toBe(401);
      const body = await res.json();
      expect(body.error.code).toBe("unauthenticated");
    });
  }
}

for (const url of BEARER_ONLY) {
  test(`POST ${url} with a wrong bearer token → 401; with the right one it reaches validation`, async ({ request }) => {
    const wrong = await request.post(url, { headers: { Authorization: "Bearer not-the-token-not-the-token", "Content-Type": "application/json" }, data: "{}" });
    expect(wrong.status()).toBe(401);
    expect((await wrong.json()).error.code).toBe("unauthenticated");
    const right = await request.post(url, { headers: { Authorization: `Bearer ${E2E.alertmanagerToken}`, "Content-Type": "application/json" }, data: "{}" });
    expect(right.status()).toBe(422);
  });
}

const BYPASS_VALUES = [
  "middleware",
  "proxy",
  "src/middleware",
  "src/proxy",
  "pages/_middleware",
  "middleware:middleware:middleware:middleware:middleware",
  "proxy:proxy:proxy:proxy:proxy",
];

for (const value of BYPASS_VALUES) {
  test(`x-middleware-subrequest: ${value} does not skip authentication`, async ({ request }) => {
    for (const url of ["/api/smoke/runs", "/api/bgops/idempotency?limit=5"]) {
      const res = await request.get(url, { headers: { "x-middleware-subrequest": value } });
      expect(res.status(), url).toBe(401);
    }
    const page = await request.get("/sagas", { headers: { "x-middleware-subrequest": value }, maxRedirects: 0 });
    expect([307, 308]).toContain(page.status());
    expect(page.headers()["location"]).toContain("/login");
  });
}
