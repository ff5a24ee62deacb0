import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSim } from "./server";

let sim: RunningSim;
beforeAll(async () => {
  sim = await startSimulator({ portBase: 0, static: true, seed: 3 });
});
afterAll(() => sim?.close());

type Surface = "mgmt" | "admin" | "reseller" | "tenant";
const call = (surface: Surface, path: string, init: RequestInit = {}) => fetch(`${sim.urls[surface]}${path}`, { redirect: "manual", ...init });
const H = { "X-Tenant-ID": "acme", "X-API-Version": "v1" };

describe("bgops routes (CONTRACT §2)", () => {
  it("lists keys newest first with count ≤ limit and string-only values", async () => {
    const res = await call("mgmt", "/api/v1/bgops/idempotency?limit=500");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const body = (await res.json()) as { source: string; count: number; items: Record<string, unknown>[] };
    expect(body.source).toBe("redis");
    expect(body.count).toBe(body.items.length);
    expect(body.count).toBeLessThan(500);
    const created = body.items.map((i) => Date.parse(String(i.created_at)));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    for (const item of body.items) for (const v of Object.values(item)) expect(typeof v).toBe("string");
    expect(body.items.some((i) => i.key === sim.catalog().keys.expired)).toBe(false);
  });

  it("returns fewer than limit when recent keys have expired", async () => {
    const body = (await (await call("mgmt", "/api/v1/bgops/idempotency?limit=50")).json()) as { count: number };
    expect(body.count).toBeLessThan(50);
    expect(((await (await call("mgmt", "/api/v1/bgops/idempotency")).json()) as { count: number }).count).toBe(body.count);
  });

  it.each([
    ["0", "greater_than_equal"],
    ["501", "less_than_equal"],
    ["abc", "int_parsing"],
    ["", "int_parsing"],
  ])("answers limit=%s with FastAPI's 422 (%s)", async (limit, type) => {
    const res = await call("mgmt", `/api/v1/bgops/idempotency?limit=${limit}`);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { detail: { type: string; loc: string[] }[] };
    expect(body.detail[0]).toMatchObject({ type, loc: ["query", "limit"] });
  });

  it.each([
    ["completed", { status: "completed", result: expect.stringMatching(/^\{"/) }],
    ["failed", { status: "failed", error: expect.any(String) }],
    ["pending", { status: "pending" }],
    ["in_progress", { status: "in_progress" }],
    ["compensated", { status: "compensated" }],
  ] as const)("serves the well-known %s key as a HASH with absent null fields", async (name, shape) => {
    const key = sim.catalog().keys[name];
    const body = (await (await call("mgmt", `/api/v1/bgops/idempotency/${key}`)).json()) as { source: string; item: Record<string, unknown> };
    expect(body.source).toBe("redis");
    expect(body.item).toMatchObject({ key, ...shape });
    for (const v of Object.values(body.item)) expect(v).not.toBeNull();
    if (name === "pending") expect("user_id" in body.item).toBe(false);
  });

  it.each([
    ["expired key", () => `/api/v1/bgops/idempotency/${sim.catalog().keys.expired}`, 404, { detail: "Idempotency key not found" }],
    ["unknown key", () => `/api/v1/bgops/idempotency/${sim.catalog().keys.unknown}`, 404, { detail: "Idempotency key not found" }],
    ["unknown saga", () => `/api/v1/bgops/sagas/${sim.catalog().sagas.unknown}`, 404, { detail: "Saga not found" }],
    ["saga blob that is not JSON", () => `/api/v1/bgops/sagas/${sim.catalog().sagas.corruptJson}`, 404, { detail: "Saga not found" }],
    ["saga with history only", () => `/api/v1/bgops/sagas/${sim.catalog().sagas.historyOnly}`, 404, { detail: "Saga not found" }],
    ["encoded slash", () => "/api/v1/bgops/idempotency/a%2Fb", 404, { detail: "Not Found" }],
    ["unknown history", () => `/api/v1/bgops/sagas/${sim.catalog().sagas.unknown}/history`, 200, { source: "redis", items: [] }],
    ["corrupt history", () => `/api/v1/bgops/sagas/${sim.catalog().sagas.corruptHistory}/history`, 200, { source: "redis", error: expect.stringContaining("Expecting value"), items: [] }],
  ])("answers the %s as the platform does", async (_name, path, status, body) => {
    const res = await call("mgmt", path());
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual(body);
  });

  it("answers key=index with a text 500 (WRONGTYPE)", async () => {
    const res = await call("mgmt", "/api/v1/bgops/idempotency/index");
    expect(res.status).toBe(500);
    expect(await res.text()).toBe("Internal Server Error");
  });

  it("redirects a trailing slash with 307 to the path without it", async () => {
    const res = await call("mgmt", "/api/v1/bgops/idempotency/?limit=5");
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe(`${sim.urls.mgmt}/api/v1/bgops/idempotency?limit=5`);
  });

  it.each(["running", "stuck", "completed", "compensated", "compensationFailed", "timedOut", "retried", "crossTenant"] as const)(
    "serves the %s saga and its oldest-first history",
    async (name) => {
      const id = sim.catalog().sagas[name];
      const saga = (await (await call("mgmt", `/api/v1/bgops/sagas/${id}`)).json()) as { source: string; saga: Record<string, unknown> };
      expect(saga.source).toBe("redis");
      expect(Object.keys(saga.saga)).toEqual(["saga_id", "tenant_id", "workflow_type", "steps", "status", "current_step", "created_at", "updated_at", "idempotency_key", "timeout_seconds"]);
      const hist = (await (await call("mgmt", `/api/v1/bgops/sagas/${id}/history`)).json()) as { items: { timestamp: string }[] };
      const times = hist.items.map((e) => e.timestamp);
      expect(times).toEqual([...times].sort());
      if (name === "running" || name === "stuck") expect(saga.saga.status).toBe("pending");
    },
  );

  it("serves the 10,000-entry history", async () => {
    const body = (await (await call("mgmt", `/api/v1/bgops/sagas/${sim.catalog().sagas.huge}/history`)).json()) as { items: unknown[] };
    expect(body.items.length).toBeGreaterThanOrEqual(10_000);
  });

  it("refuses other methods with 405", async () => {
    expect((await call("mgmt", "/api/v1/bgops/idempotency", { method: "DELETE" })).status).toBe(405);
  });
});

describe("health, metrics, headers (CONTRACT §1, §3, §4)", () => {
  it.each([
    ["/health", { status: "healthy", platform: "management_platform", version: "1.0.0", timestamp: "unknown" }],
    ["/health/live", { status: "alive" }],
    ["/health/ready", { status: "ready", checks: [{ name: "configuration", status: "unknown" }] }],
    ["/health/startup", { status: "started", platform: "management_platform" }],
  ])("mgmt %s answers the current generation's static body", async (path, body) => {
    const res = await call("mgmt", path);
    expect(res.status).toBe(200);
    expect(res.headers.get("date")).toBeTruthy();
    expect(await res.json()).toEqual(body);
  });

  it("exposes both SLO naming schemes, histograms and _created series in /metrics", async () => {
    const res = await call("mgmt", "/metrics");
    expect(res.headers.get("content-type")).toContain("text/plain");
    const t = await res.text();
    for (const name of [
      'dotmac_management_login_attempts_total{result="success"}',
      "dotmac_management_login_duration_seconds_bucket{",
      'dotmac_management_provisioning_requests_total{result="failure"}',
      "dotmac_management_provisioning_duration_seconds_bucket{",
      "dotmac_management_http_requests_total{status_code=",
      "dotmac_management_active_tenants",
      "login_success_rate_total{tenant_id=",
      "login_success_rate_success_total{",
      "api_request_success_rate_success_total{",
      "service_provisioning_success_rate_total{",
      "api_response_latency_bucket{",
      "database_query_latency_bucket{",
      "http_requests_total{method=",
      "http_request_duration_seconds_bucket{",
      'le="+Inf"}',
      "login_success_rate_created{",
    ]) {
      expect(t).toContain(name);
    }
  });

  it("rejects an unsupported API version on mgmt but not on /health*", async () => {
    const res = await call("mgmt", "/api/v1/bgops/idempotency?limit=1", { headers: { "X-API-Version": "v3" } });
    expect(res.status).toBe(400);
    expect(res.headers.get("x-supported-versions")).toBe("v1, v2");
    expect(await res.json()).toEqual({ detail: "API version 'v3' not supported. Use 'v2' instead." });
    expect((await call("mgmt", "/health", { headers: { "X-API-Version": "v3" } })).status).toBe(200);
  });

  it("adds X-Tenant-Context for a valid tenant and refuses a malformed gateway tenant", async () => {
    const ok = await call("mgmt", "/api/v1/bgops/idempotency?limit=1", { headers: H });
    expect(ok.headers.get("x-tenant-context")).toBe("acme:header");
    const bad = await call("mgmt", "/api/v1/bgops/idempotency?limit=1", { headers: { "X-Tenant-ID": "a!" } });
    expect(bad.status).toBe(403);
    expect(await bad.json()).toEqual({ detail: "Gateway tenant validation failed" });
  });
});
