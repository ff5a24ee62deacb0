import type { IncomingMessage, ServerResponse } from "node:http";
import { startTestServer, type TestServer } from "@/lib/upstream/test-http-server";
import { createPlatformClient } from "@/lib/upstream/client";
import type { PlatformClient, Surface } from "@/lib/upstream/types";
import { SURFACES } from "@/lib/upstream/types";

/** For tests: a tiny stand-in platform whose routes each test can replace. Not the simulator. */
export type Route = (req: IncomingMessage, res: ServerResponse) => void;
export type Routes = Record<Surface, Record<string, Route>>;

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Route => (_req, res) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};
export const text = (status: number, body: string, type = "text/plain; charset=utf-8"): Route => (_req, res) => {
  res.writeHead(status, { "content-type": type });
  res.end(body);
};
export const redirect = (status: number, location: string): Route => (_req, res) => {
  res.writeHead(status, { location });
  res.end();
};
export const hang: Route = () => undefined;

const echo = (portal: string): Route => (req, res) => {
  json(200, { ok: true, portal, tenant: req.headers["x-tenant-id"] ?? null, apiVersion: req.headers["x-api-version"] ?? null, userAgent: req.headers["user-agent"] ?? null, receivedAt: new Date().toISOString() })(req, res);
};

const SLO_METRICS = [
  "# TYPE login_success_rate counter",
  'login_success_rate_total{tenant_id="acme",service="mgmt",method="password"} 10',
  "# TYPE login_success_rate_success counter",
  'login_success_rate_success_total{tenant_id="acme",service="mgmt",method="password"} 9',
  "# TYPE service_provisioning_success_rate counter",
  'service_provisioning_success_rate_total{tenant_id="acme",service="mgmt",provision_type="tenant"} 4',
  "# TYPE service_provisioning_success_rate_success counter",
  'service_provisioning_success_rate_success_total{tenant_id="acme",service="mgmt",provision_type="tenant"} 4',
  "# TYPE api_request_success_rate counter",
  'api_request_success_rate_total{tenant_id="acme",service="mgmt",endpoint="/x"} 100',
  "# TYPE api_request_success_rate_success counter",
  'api_request_success_rate_success_total{tenant_id="acme",service="mgmt",endpoint="/x"} 99',
  "",
].join("\n");

/** The intended contract (CONTRACT §3–§6), with real readiness checks. */
export function healthyRoutes(): Routes {
  return {
    mgmt: {
      "/health": json(200, { status: "healthy", platform: "management_platform", version: "1.0.0", timestamp: "2025-09-08T10:00:00Z" }),
      "/health/live": json(200, { status: "alive" }),
      "/health/ready": json(200, { status: "ready", checks: [{ name: "database", status: "ok" }, { name: "redis", status: "ok" }] }),
      "/health/startup": json(200, { status: "started", platform: "management_platform" }),
      "/metrics": text(200, SLO_METRICS, "text/plain; version=0.0.4"),
      "/api/v1/bgops/idempotency": json(200, { source: "redis", count: 1, items: [{ key: "k1", tenant_id: "acme", status: "completed" }] }),
    },
    admin: {
      "/api/health": json(200, { status: "healthy", timestamp: "x", uptime: 1, memory: {}, version: "1", buildTime: "x", environment: "test" }),
      "/api/health/client-check": echo("management-admin"),
      "/api/auth/refresh": json(401, { error: "No refresh token found" }),
    },
    reseller: {
      "/health": text(200, "healthy\n"),
      "/api/health/client-check": echo("management-reseller"),
      "/api/auth/refresh": (req, res) =>
        req.headers["x-requested-with"] === "XMLHttpRequest"
          ? json(401, { error: "No refresh token found", requires_login: true })(req, res)
          : json(403, { error: "Invalid request" })(req, res),
    },
    tenant: {
      "/api/health": json(200, { status: "healthy", timestamp: "x", version: "1", environment: "test", uptime: 1, checks: { database: "healthy", cache: "healthy", api: "healthy" } }),
      "/api/health/client-check": echo("tenant-portal"),
    },
  };
}

export interface Fixture {
  routes: Routes;
  servers: Record<Surface, TestServer>;
  client(overrides?: { timeoutMs?: number; healthTimeoutMs?: number; tenantSlug?: string }): PlatformClient;
  close(): Promise<void>;
}

export async function startFixture(): Promise<Fixture> {
  const fixture = { routes: healthyRoutes() } as Fixture;
  const entries = await Promise.all(
    SURFACES.map(async (surface) => {
      const server = await startTestServer((req, res) => {
        const path = (req.url ?? "/").split("?")[0] ?? "/";
        const route = fixture.routes[surface][path];
        if (route) route(req, res);
        else json(404, { detail: "Not Found" })(req, res);
      });
      return [surface, server] as const;
    }),
  );
  fixture.servers = Object.fromEntries(entries) as Record<Surface, TestServer>;
  fixture.client = (o = {}) =>
    createPlatformClient({
      baseUrls: Object.fromEntries(SURFACES.map((s) => [s, fixture.servers[s].url])) as Record<Surface, string>,
      tenantSlug: o.tenantSlug ?? "acme",
      apiVersion: "v1",
      timeoutMs: o.timeoutMs ?? 2000,
      healthTimeoutMs: o.healthTimeoutMs ?? 2000,
      maxBodyBytes: 1024 * 1024,
      fetch: globalThis.fetch,
    });
  fixture.close = async () => void (await Promise.all(SURFACES.map((s) => fixture.servers[s].close())));
  return fixture;
}
