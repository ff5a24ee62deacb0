import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { compareWithLastGreen, runHealthMatrix, runSmoke } from "@/lib/smoke/run";
import type { CheckResult, SmokeReport } from "@/lib/smoke/types";
import { hang, healthyRoutes, json, redirect, startFixture, text, type Fixture } from "@/lib/smoke/test-fixture";
import { startTestServer } from "@/lib/upstream/test-http-server";
import { createPlatformClient } from "@/lib/upstream/client";

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(() => fx.close());
beforeEach(() => {
  fx.routes = healthyRoutes();
});

const byId = (report: SmokeReport, id: string): CheckResult => {
  const r = report.results.find((x) => x.id === id);
  if (!r) throw new Error(`no result ${id}`);
  return r;
};

describe("runSmoke against a stand-in platform", () => {
  it("passes everything a healthy platform answers, except the answers that check nothing (Nginx-only, placeholders)", async () => {
    const report = await runSmoke(fx.client());
    const notPass = report.results.filter((r) => r.verdict !== "pass").map((r) => `${r.id}:${r.verdict}`);
    expect(notPass).toEqual(["reseller.api-health:warn", "tenant.api-health:warn"]);
    expect(byId(report, "reseller.api-health").summary).toContain("Nginx");
    expect(byId(report, "tenant.api-health").summary).toBe("200 healthy: answered, but checks nothing (checks database, cache, api are placeholders)");
    expect(report.summary).toEqual({ pass: report.results.length - 2, warn: 2, fail: 0, error: 0 });
    expect(report.platform.tenantSlug).toBe("acme");
  });

  it("follows the legacy 307 once and reports degraded as a warning, not a pass", async () => {
    fx.routes.mgmt["/health"] = redirect(307, "/health/");
    fx.routes.mgmt["/health/"] = json(200, { status: "degraded", database: "unhealthy", timestamp: "t" });
    const r = byId(await runSmoke(fx.client()), "mgmt.health");
    expect(r.verdict).toBe("warn");
    expect(r.summary).toBe("307 to /health/ — followed: 200 degraded (database unhealthy)");
    expect(r.seen?.map((s) => [s.path, s.status, s.location])).toEqual([
      ["/health", 307, "/health/"],
      ["/health/", 200, null],
    ]);
  });

  it("judges readiness by its body: unknown-only checks warn, not_ready with 200 fails, legacy 503 names its reason", async () => {
    fx.routes.mgmt["/health/ready"] = json(200, { status: "ready", checks: [{ name: "configuration", status: "unknown" }] });
    expect(byId(await runSmoke(fx.client()), "mgmt.health.ready")).toMatchObject({ verdict: "warn", summary: "200 ready: answered, but checks nothing (no dependency checks reported: configuration unknown)" });
    // The legacy bare "ready" checks nothing either: the same verdict, in the same words.
    fx.routes.mgmt["/health/ready"] = json(200, { status: "ready" });
    expect(byId(await runSmoke(fx.client()), "mgmt.health.ready")).toMatchObject({ verdict: "warn", summary: "200 ready: answered, but checks nothing (no dependency checks reported)" });
    fx.routes.mgmt["/health"] = json(200, { status: "healthy", platform: "management_platform", version: "1.0.0", timestamp: "unknown" });
    expect(byId(await runSmoke(fx.client()), "mgmt.health")).toMatchObject({ verdict: "warn", summary: '200 healthy: answered, but checks nothing (static answer, timestamp "unknown")' });
    fx.routes.mgmt["/health/ready"] = json(200, { status: "not_ready", checks: [] });
    expect(byId(await runSmoke(fx.client()), "mgmt.health.ready").verdict).toBe("fail");
    fx.routes.mgmt["/health/ready"] = json(503, { detail: { status: "not ready", reason: "service unhealthy" } });
    expect(byId(await runSmoke(fx.client()), "mgmt.health.ready")).toMatchObject({ verdict: "fail", summary: "503 not ready: service unhealthy" });
  });

  it("falls back to /startup/status when /health/startup is missing (legacy generation)", async () => {
    delete fx.routes.mgmt["/health/startup"];
    fx.routes.mgmt["/startup/status"] = json(200, { status: "completed" });
    const r = byId(await runSmoke(fx.client()), "mgmt.health.startup");
    expect(r).toMatchObject({ verdict: "pass", summary: "404 (legacy generation) — /startup/status: completed" });
  });

  it("names the bgops failure signatures", async () => {
    fx.routes.mgmt["/api/v1/bgops/idempotency"] = text(500, "Internal Server Error");
    expect(byId(await runSmoke(fx.client()), "mgmt.bgops")).toMatchObject({ verdict: "fail", summary: "500 text/plain from bgops: Internal Server Error — bgops cannot reach Redis: the Redis client is not importable or Redis is down.", runbookSection: "§5, §2" });
    delete fx.routes.mgmt["/api/v1/bgops/idempotency"];
    expect(byId(await runSmoke(fx.client()), "mgmt.bgops").summary).toContain("The bgops router is not mounted");
    fx.routes.mgmt["/api/v1/bgops/idempotency"] = json(200, { source: "memory", count: 0, items: [] });
    expect(byId(await runSmoke(fx.client()), "mgmt.bgops").verdict).toBe("warn");
    fx.routes.mgmt["/api/v1/bgops/idempotency"] = json(401, { error: "HTTPS_REQUIRED", message: "HTTPS required", details: {} }, { "x-auth-error": "HTTPS_REQUIRED" });
    expect(byId(await runSmoke(fx.client()), "mgmt.bgops")).toMatchObject({ verdict: "fail", runbookSection: "§7" });
  });

  it("fails a client check whose echo differs from what was sent", async () => {
    fx.routes.tenant["/api/health/client-check"] = json(200, { ok: true, portal: "tenant-portal", tenant: null, apiVersion: "v1" });
    const r = byId(await runSmoke(fx.client()), "tenant.client-check");
    expect(r.verdict).toBe("fail");
    expect(r.summary).toContain('tenant echoed null, sent "acme"');
  });

  it("warns on static zero-counter metrics", async () => {
    fx.routes.mgmt["/metrics"] = text(200, "# Prometheus exposition disabled\ndotmac_customers_total 0\ndotmac_api_requests_total 0\n");
    const r = byId(await runSmoke(fx.client()), "mgmt.metrics");
    expect(r.verdict).toBe("warn");
    expect(r.summary).toContain("exposed, business SLO series missing");
  });

  it("fails a clock 10 minutes off and warns at 2 minutes", async () => {
    const skewed = (ms: number) => (_req: unknown, res: import("node:http").ServerResponse) => {
      res.setHeader("Date", new Date(Date.now() + ms).toUTCString());
      json(200, { status: "alive" })(_req as never, res);
    };
    fx.routes.mgmt["/health/live"] = skewed(-10 * 60_000);
    expect(byId(await runSmoke(fx.client()), "mgmt.clock-skew")).toMatchObject({ verdict: "fail" });
    fx.routes.mgmt["/health/live"] = skewed(2 * 60_000);
    const r = byId(await runSmoke(fx.client()), "mgmt.clock-skew");
    expect(r.verdict).toBe("warn");
    expect(r.summary).toContain("ahead of this machine");
  });

  it("gives a hanging check its own budget: error 'no answer within N ms', the run does not wait for it", async () => {
    fx.routes.mgmt["/api/v1/bgops/idempotency"] = hang;
    const streamed: string[] = [];
    const started = performance.now();
    const report = await runSmoke(fx.client(), { perCheckTimeoutMs: 400, onResult: (r) => streamed.push(r.id) });
    const took = performance.now() - started;
    expect(byId(report, "mgmt.bgops")).toMatchObject({ verdict: "error", summary: "no answer within 400 ms" });
    expect(took).toBeLessThan(2000);
    expect(streamed.at(-1)).toBe("mgmt.bgops");
    expect(streamed).toHaveLength(report.results.length);
  });

  it("reports a connection refused as an error naming it", async () => {
    const dead = await startTestServer((_q, r) => r.end());
    await dead.close();
    const { config } = fx.client();
    const c = createPlatformClient({ ...config, baseUrls: { ...config.baseUrls, admin: dead.url }, fetch: globalThis.fetch });
    const r = byId(await runSmoke(c), "admin.api-health");
    expect(r.verdict).toBe("error");
    expect(r.summary).toMatch(/unreachable.*ECONNREFUSED/);
  });

  it("runs isolation checks only when asked", async () => {
    expect((await runSmoke(fx.client())).results.some((r) => r.id.startsWith("mgmt.isolation"))).toBe(false);
    fx.routes.mgmt["/api/v1/bgops/idempotency"] = (req, res) => {
      if (req.headers["x-api-version"] === "v999") return json(400, { detail: "API version 'v999' not supported. Use 'v2' instead." }, { "x-supported-versions": "v1, v2" })(req, res);
      if (req.headers["x-tenant-id"] === "../x") return json(403, { detail: "Gateway tenant validation failed" })(req, res);
      json(200, { source: "redis", count: 0, items: [] })(req, res);
    };
    const report = await runSmoke(fx.client(), { includeIsolation: true });
    expect(byId(report, "mgmt.isolation.api-version")).toMatchObject({ verdict: "pass", summary: expect.stringContaining("X-Supported-Versions: v1, v2") });
    expect(byId(report, "mgmt.isolation.tenant-header")).toMatchObject({ verdict: "pass", summary: "403 Gateway tenant validation failed" });
  });

  it("checks Vault through the injected fetch and says what its status means", async () => {
    const vault = await startTestServer((_q, res) => {
      res.writeHead(503, { "content-type": "application/json" });
      res.end('{"sealed":true}');
    });
    try {
      const r = byId(await runSmoke(fx.client(), { vault: { addr: vault.url, fetch: globalThis.fetch } }), "vault.health");
      expect(r).toMatchObject({ verdict: "fail", runbookSection: "§8" });
      expect(r.summary).toContain("sealed");
      expect(vault.seen[0]?.url).toBe("/v1/sys/health");
    } finally {
      await vault.close();
    }
  });
});

describe("runHealthMatrix", () => {
  it("fills surfaces × probes, with the time of each answer, portals only in the health column", async () => {
    fx.routes.mgmt["/health/ready"] = json(200, { status: "ready", checks: [{ name: "configuration", status: "unknown" }] });
    const m = await runHealthMatrix(fx.client());
    const mgmt = m.rows.find((r) => r.surface === "mgmt")!;
    expect(mgmt.cells.ready).toMatchObject({ verdict: "warn", summary: "200 ready: answered, but checks nothing (no dependency checks reported: configuration unknown)" });
    expect(Date.parse(mgmt.cells.live!.at)).toBeGreaterThan(Date.now() - 60_000);
    const admin = m.rows.find((r) => r.surface === "admin")!;
    expect(admin.cells.live).toBeNull();
    expect(admin.cells.health?.verdict).toBe("pass");
    expect(admin.cells.bgops).toBeNull();
    expect(mgmt.cells.bgops).toMatchObject({ verdict: "pass", summary: "200 source redis, 1 item" });
    expect(mgmt.cells.metrics?.summary).toMatch(/SLO series present/);
  });

  it("watches bgops and /metrics: a failing bgops names its signature, static /metrics warns", async () => {
    fx.routes.mgmt["/api/v1/bgops/idempotency"] = text(500, "Internal Server Error");
    fx.routes.mgmt["/metrics"] = text(200, "# Prometheus exposition disabled\ndotmac_customers_total 0\n");
    const mgmt = (await runHealthMatrix(fx.client())).rows.find((r) => r.surface === "mgmt")!;
    expect(mgmt.cells.bgops).toMatchObject({ verdict: "fail", runbookSection: "§5, §2" });
    expect(mgmt.cells.bgops?.summary).toContain("bgops cannot reach Redis");
    expect(mgmt.cells.metrics).toMatchObject({ verdict: "warn" });
    expect(mgmt.cells.metrics?.summary).toMatch(/^exposed, business SLO series missing/);
  });
});

describe("compareWithLastGreen", () => {
  it("lists what got worse since the last green run, not the warnings it already had", async () => {
    const green = await runSmoke(fx.client());
    fx.routes.mgmt["/api/v1/bgops/idempotency"] = text(500, "Internal Server Error");
    const now = await runSmoke(fx.client());
    const cmp = compareWithLastGreen(now, green);
    expect(cmp.headline).toBe("new since last green: bgops 500");
    expect(cmp.newProblems).toHaveLength(1);
    expect(compareWithLastGreen(green, green).headline).toBeNull();
  });

  it("while no run was ever green, names what is new since the previous run and not the standing failure", async () => {
    fx.routes.mgmt["/api/v1/bgops/idempotency"] = text(500, "Internal Server Error");
    const red = await runSmoke(fx.client());
    fx.routes.admin["/api/health/client-check"] = text(502, "Bad Gateway");
    const redder = await runSmoke(fx.client());
    const cmp = compareWithLastGreen(redder, red, "previous run");
    expect(cmp.headline).toBe("new since the previous run (none green yet): admin client-check 502");
    expect(cmp).toMatchObject({ baseline: "previous run", baselineAt: red.finishedAt, lastGreenAt: null });
    expect(cmp.newProblems.map((p) => p.id)).toEqual(["admin.client-check"]);
  });
});
