import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { STATIC_METRICS_TEXT } from "./metrics";
import { SCENARIOS } from "./scenarios";
import { startSimulator, type RunningSim } from "./server";

let sim: RunningSim;
beforeAll(async () => {
  sim = await startSimulator({ portBase: 0, static: true });
});
afterAll(() => sim?.close());
beforeEach(() => sim.setScenario("healthy"));

type Surface = "mgmt" | "admin" | "reseller" | "tenant";
const call = (surface: Surface, path: string, init: RequestInit = {}) =>
  fetch(`${sim.urls[surface]}${path}`, { redirect: "manual", signal: AbortSignal.timeout(5000), ...init });
const ids = () => sim.catalog();
const bgopsPaths = () => [
  "/api/v1/bgops/idempotency?limit=5",
  `/api/v1/bgops/idempotency/${ids().keys.completed}`,
  `/api/v1/bgops/sagas/${ids().sagas.completed}`,
  `/api/v1/bgops/sagas/${ids().sagas.completed}/history`,
];

interface Expectation {
  status: number;
  json?: unknown;
  text?: string;
  header?: [string, string];
}

const TABLE: [scenario: string, surface: Surface, path: () => string, init: RequestInit, expected: Expectation][] = [
  ["bgops-no-redis", "mgmt", () => bgopsPaths()[0]!, {}, { status: 500, text: "Internal Server Error" }],
  ["bgops-no-redis", "mgmt", () => bgopsPaths()[1]!, {}, { status: 404, json: { detail: "Idempotency key not found" } }],
  ["bgops-no-redis", "mgmt", () => bgopsPaths()[2]!, {}, { status: 404, json: { detail: "Saga not found" } }],
  ["bgops-no-redis", "mgmt", () => bgopsPaths()[3]!, {}, { status: 200, json: { source: "memory", items: [] } }],
  ...[0, 1, 2, 3].map((i): (typeof TABLE)[number] => ["redis-down", "mgmt", () => bgopsPaths()[i]!, {}, { status: 500, text: "Internal Server Error", header: ["content-type", "text/plain; charset=utf-8"] }]),
  ...[0, 1, 2, 3].map((i): (typeof TABLE)[number] => ["bgops-not-mounted", "mgmt", () => bgopsPaths()[i]!, {}, { status: 404, json: { detail: "Not Found" } }]),
  ["bgops-not-mounted", "mgmt", () => "/api/v1/bgops/idempotency/", {}, { status: 404, json: { detail: "Not Found" } }],
  ["legacy-health", "mgmt", () => "/health", {}, { status: 307, header: ["location", "/health/"] }],
  ["legacy-health", "mgmt", () => "/health/ready", {}, { status: 200, json: { status: "ready" } }],
  ["legacy-health", "mgmt", () => "/health/startup", {}, { status: 404, json: { detail: "Not Found" } }],
  ["not-ready", "mgmt", () => "/health/ready", {}, { status: 200, json: { status: "not_ready", checks: [{ name: "configuration", status: "unknown" }] } }],
  ["not-ready", "admin", () => "/api/health", {}, { status: 503 }],
  ["degraded", "mgmt", () => "/health/ready", {}, { status: 503, json: { detail: { status: "not ready", reason: "service unhealthy" } } }],
  ["https-required", "mgmt", () => bgopsPaths()[0]!, {}, { status: 401, json: { error: "HTTPS_REQUIRED", message: "HTTPS required", details: {} }, header: ["x-auth-error", "HTTPS_REQUIRED"] }],
  ["https-required", "mgmt", () => "/health", {}, { status: 200 }],
  ["https-required", "mgmt", () => "/metrics", {}, { status: 200 }],
  ["tenant-mismatch", "mgmt", () => bgopsPaths()[0]!, { headers: { "X-Tenant-ID": "acme" } }, { status: 403, json: { detail: "Tenant context mismatch detected" } }],
  ["tenant-mismatch", "mgmt", () => bgopsPaths()[0]!, { headers: { "X-Tenant-ID": "acme", Authorization: "Bearer x" } }, { status: 403, json: { error: "TENANT_MISMATCH", message: "Tenant context mismatch", details: { expected_tenant: "management", token_tenant: "acme" } } }],
  ["tenant-mismatch", "mgmt", () => bgopsPaths()[0]!, {}, { status: 400, json: { detail: "Tenant context required but not found" } }],
  ["tenant-mismatch", "tenant", () => "/api/health/client-check", { headers: { "X-Tenant-ID": "a?" } }, { status: 403, json: { detail: "Gateway tenant validation failed" } }],
  ["tenant-mismatch", "mgmt", () => "/health", {}, { status: 200 }],
  ["bad-api-version", "mgmt", () => bgopsPaths()[0]!, { headers: { "X-API-Version": "v1" } }, { status: 400, json: { detail: "API version 'v1' not supported. Use 'v2' instead." }, header: ["x-supported-versions", "v2"] }],
  ["bad-api-version", "mgmt", () => bgopsPaths()[0]!, { headers: { "X-API-Version": "v2" } }, { status: 200 }],
  ["bad-api-version", "mgmt", () => "/health", {}, { status: 200 }],
  ["static-metrics", "mgmt", () => "/metrics", {}, { status: 200, text: STATIC_METRICS_TEXT, header: ["content-type", "text/plain; charset=utf-8"] }],
];

describe("scenario answers (CONTRACT §2.5, §3, §4, §7, §9)", () => {
  it.each(TABLE)("%s on %s: %s", async (scenario, surface, path, init, expected) => {
    sim.setScenario(scenario);
    const res = await call(surface, path(), init);
    expect(res.status).toBe(expected.status);
    if (expected.header) expect(res.headers.get(expected.header[0]) ?? "").toContain(expected.header[1]);
    if (expected.json !== undefined) expect(await res.json()).toEqual(expected.json);
    if (expected.text !== undefined) expect(await res.text()).toBe(expected.text);
  });

  it("legacy /health/ blocks about a second and reports its fields; degraded says so with 200", async () => {
    sim.setScenario("legacy-health", "mgmt");
    const t0 = Date.now();
    const body = (await (await call("mgmt", "/health/")).json()) as Record<string, unknown>;
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(Object.keys(body)).toEqual(expect.arrayContaining(["status", "timestamp", "version", "uptime_seconds", "cpu_percent", "memory_percent", "disk_percent", "database", "cache", "external_services", "environment", "service_name"]));
    expect((await (await call("mgmt", "/startup/status")).json()) as object).toMatchObject({ status: "completed" });
    sim.setScenario("degraded", "mgmt");
    const degraded = await call("mgmt", "/health/");
    expect(degraded.status).toBe(200);
    expect(await degraded.json()).toMatchObject({ status: "degraded", database: "unhealthy" });
  });

  it("slow answers after the configured latency", async () => {
    sim.setScenario("slow", "mgmt", { latencyMs: 400 });
    const t0 = Date.now();
    expect((await call("mgmt", "/health")).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(380);
  });

  it("flaky fails every third request with a mix of 5xx", async () => {
    sim.setScenario("flaky", "tenant");
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await call("tenant", "/api/health")).status);
    expect(statuses.filter((s) => s >= 500).sort()).toEqual([500, 502, 503]);
    expect(statuses.filter((s) => s === 200)).toHaveLength(6);
  });

  it("malformed-json sends a 200 application/json body that does not parse", async () => {
    sim.setScenario("malformed-json", "mgmt");
    const res = await call("mgmt", bgopsPaths()[0]!);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    await expect(res.json()).rejects.toThrow();
  });

  it("oversized-body sends several MB of valid JSON", async () => {
    sim.setScenario("oversized-body", "mgmt");
    const textBody = await (await call("mgmt", bgopsPaths()[0]!)).text();
    expect(textBody.length).toBeGreaterThan(10 * 1024 * 1024);
    expect((JSON.parse(textBody) as { source: string }).source).toBe("redis");
  });

  it.each(["connection-reset", "hang"])("%s gives the client no answer", async (scenario) => {
    sim.setScenario(scenario, "reseller");
    await expect(fetch(`${sim.urls.reseller}/api/health/client-check`, { signal: AbortSignal.timeout(500) })).rejects.toThrow();
  });

  it("every scenario in SCENARIOS is accepted at run time", () => {
    for (const s of SCENARIOS) expect(() => sim.setScenario(s)).not.toThrow();
    expect(() => sim.setScenario("nope")).toThrow(/valid: healthy/);
  });
});

describe("close()", () => {
  it("returns promptly with hanging and slow requests in flight", async () => {
    const other = await startSimulator({ portBase: 0, static: true });
    other.setScenario("hang", "mgmt");
    other.setScenario("slow", "admin", { latencyMs: 60_000 });
    const hung = fetch(`${other.urls.mgmt}/health`).catch((e: Error) => e);
    const slow = fetch(`${other.urls.admin}/api/health`).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    await other.close();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(await hung).toBeInstanceOf(Error);
    expect(await slow).toBeInstanceOf(Error);
  });
});
