import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSim } from "./server";

let sim: RunningSim;
beforeAll(async () => {
  sim = await startSimulator({ portBase: 0, static: true });
});
afterAll(() => sim?.close());

type Surface = "mgmt" | "admin" | "reseller" | "tenant";
const call = (surface: Surface, path: string, init: RequestInit = {}) => fetch(`${sim.urls[surface]}${path}`, { redirect: "manual", ...init });
const H = { "X-Tenant-ID": "acme", "X-API-Version": "v1", "User-Agent": "sim-test" };

describe("portal health (CONTRACT §3)", () => {
  it("admin /api/health has uptime and memory; tenant has placeholder checks", async () => {
    expect(await (await call("admin", "/api/health")).json()).toMatchObject({ status: "healthy", uptime: expect.any(Number), memory: expect.any(Object), version: "1.0.0", buildTime: expect.any(String), environment: "production" });
    expect(await (await call("tenant", "/api/health")).json()).toMatchObject({ status: "healthy", checks: { database: "healthy", cache: "healthy", api: "healthy" } });
  });

  it.each([
    ["admin", "/health"],
    ["reseller", "/api/health"],
  ] as const)("%s has no %s (404 page)", async (surface, path) => {
    const res = await call(surface, path);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("text/html");
  });
});

describe("client-check (CONTRACT §3.1)", () => {
  it.each([
    ["admin", "management-admin"],
    ["reseller", "management-reseller"],
    ["tenant", "tenant-portal"],
  ] as const)("%s echoes the headers exactly", async (surface, portal) => {
    const body = (await (await call(surface, "/api/health/client-check", { headers: H })).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ ok: true, portal, tenant: "acme", apiVersion: "v1", userAgent: "sim-test" });
    expect(Date.parse(String(body.receivedAt))).not.toBeNaN();
  });

  it("falls back to X-Tenant and gives null for missing headers", async () => {
    const body = (await (await call("tenant", "/api/health/client-check", { headers: { "X-Tenant": "globex" } })).json()) as Record<string, unknown>;
    expect(body.tenant).toBe("globex");
    expect(body.apiVersion).toBeNull();
  });

  it("admin and tenant allow GET only; reseller any method", async () => {
    expect((await call("admin", "/api/health/client-check", { method: "POST" })).status).toBe(405);
    expect((await call("tenant", "/api/health/client-check", { method: "PUT" })).status).toBe(405);
    expect((await call("reseller", "/api/health/client-check", { method: "POST", headers: H })).status).toBe(200);
  });
});

describe("refresh routes (CONTRACT §6)", () => {
  const post = (surface: Surface, headers: Record<string, string> = {}) => call(surface, "/api/auth/refresh", { method: "POST", headers });

  it.each([
    ["admin without cookie", "admin", {}, 401, { error: "No refresh token found" }],
    ["admin rejected token", "admin", { Cookie: "mgmt_refresh_token=invalid" }, 401, { error: "Invalid refresh token" }],
    ["admin upstream error", "admin", { Cookie: "mgmt_refresh_token=error" }, 500, { error: "Internal server error" }],
    ["reseller without X-Requested-With", "reseller", { Cookie: "refresh_token=ok" }, 403, { error: "Invalid request" }],
    ["reseller without cookie", "reseller", { "X-Requested-With": "XMLHttpRequest" }, 401, { error: "No refresh token found", requires_login: true }],
    ["reseller old session", "reseller", { "X-Requested-With": "XMLHttpRequest", Cookie: `refresh_token=ok; session_meta=${encodeURIComponent(JSON.stringify({ created_at: Date.now() - 8 * 86_400_000 }))}` }, 401, { error: "Session expired", requires_login: true }],
    ["reseller rejected token", "reseller", { "X-Requested-With": "XMLHttpRequest", Cookie: "refresh_token=revoked" }, 401, { error: "Token refresh failed", requires_login: true, status: 401 }],
  ] as const)("%s", async (_name, surface, headers, status, body) => {
    const res = await post(surface, headers);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual(body);
  });

  it("admin success sets the three cookies; reseller success returns access_token", async () => {
    const admin = await post("admin", { Cookie: "mgmt_refresh_token=good" });
    expect(admin.status).toBe(200);
    expect(await admin.json()).toMatchObject({ accessToken: expect.stringMatching(/^ey/), expiresAt: expect.any(Number) });
    expect(admin.headers.getSetCookie().map((c) => c.split("=")[0])).toEqual(["mgmt_access_token", "mgmt_refresh_token", "mgmt_token_meta"]);
    const reseller = await post("reseller", { "X-Requested-With": "XMLHttpRequest", Cookie: "refresh_token=good" });
    expect(await reseller.json()).toMatchObject({ access_token: expect.any(String), expires_in: 900, refreshed_at: expect.any(String) });
    expect((await call("reseller", "/api/auth/refresh")).status).toBe(405);
  });

  it("mgmt POST /api/v1/auth/refresh takes {refresh_token}", async () => {
    const ok = await call("mgmt", "/api/v1/auth/refresh", { method: "POST", body: JSON.stringify({ refresh_token: "good" }), headers: { "content-type": "application/json" } });
    expect(await ok.json()).toMatchObject({ access_token: expect.any(String), token_type: "bearer" });
    const bad = await call("mgmt", "/api/v1/auth/refresh", { method: "POST", body: JSON.stringify({ refresh_token: "invalid" }) });
    expect(bad.status).toBe(401);
  });
});

describe("control endpoints", () => {
  it("counts non-control requests per surface and path, and resets", async () => {
    sim.resetRequestCount();
    await call("mgmt", "/health");
    await call("admin", "/api/health");
    await call("mgmt", "/__sim/state");
    expect(sim.requestCount()).toBe(2);
    expect(sim.requestCount({ surface: "mgmt", pathPrefix: "/health" })).toBe(1);
    const body = (await (await call("tenant", "/__sim/requests?surface=admin")).json()) as { total: number; entries: unknown[] };
    expect(body.total).toBe(1);
    expect(body.entries).toContainEqual({ surface: "admin", method: "GET", path: "/api/health", count: 1 });
    await call("reseller", "/__sim/requests/reset", { method: "POST" });
    expect(sim.requestCount()).toBe(0);
  });

  it("switches scenarios per surface and lists valid ones on a bad name", async () => {
    const bad = await call("mgmt", "/__sim/scenario", { method: "POST", body: JSON.stringify({ scenario: "nope" }) });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { valid: string[] }).valid).toContain("redis-down");
    const ok = await call("admin", "/__sim/scenario", { method: "POST", body: JSON.stringify({ scenario: "redis-down", surface: "mgmt" }) });
    expect(ok.status).toBe(200);
    expect((await call("mgmt", "/api/v1/bgops/idempotency")).status).toBe(500);
    expect((await call("admin", "/api/health")).status).toBe(200);
    sim.setScenario("healthy");
    expect((await call("mgmt", "/api/v1/bgops/idempotency")).status).toBe(200);
  });

  it("serves the catalog and state", async () => {
    expect(await (await call("mgmt", "/__sim/catalog")).json()).toEqual(sim.catalog());
    const state = (await (await call("mgmt", "/__sim/state")).json()) as { surfaces: Record<string, { scenario: string }>; store: string };
    expect(state.surfaces.tenant?.scenario).toBe("healthy");
    expect(state.store).toBe("memory");
  });
});
