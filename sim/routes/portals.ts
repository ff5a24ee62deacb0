import type { SimContext } from "../context";
import { json, nextNotFound, text, HTML_TYPE, type SimRequest, type SimResponse } from "../http";
import type { ScenarioName } from "../scenarios";
import type { SimSurface } from "../types";
import { adminRefresh, resellerRefresh } from "./portal-refresh";

const PORTAL_NAMES: Record<Exclude<SimSurface, "mgmt">, string> = {
  admin: "management-admin",
  reseller: "management-reseller",
  tenant: "tenant-portal",
};

function clientCheck(r: SimRequest, ctx: SimContext, portal: string): SimResponse {
  return json(200, {
    ok: true,
    portal,
    tenant: r.header("x-tenant-id") ?? r.header("x-tenant") ?? null,
    apiVersion: r.header("x-api-version") ?? null,
    userAgent: r.header("user-agent") ?? null,
    receivedAt: new Date(ctx.now()).toISOString(),
  });
}

function apiHealth(surface: "admin" | "tenant", ctx: SimContext, scenario: ScenarioName): SimResponse {
  const now = ctx.now();
  const timestamp = new Date(now).toISOString();
  const uptime = Math.round((now - ctx.startedAtMs) / 1000);
  if (scenario === "not-ready" || (scenario === "degraded" && surface === "admin")) {
    return json(503, { status: "unhealthy", error: "Upstream management API health check failed", timestamp });
  }
  if (surface === "admin") {
    const memory = { rss: 187_392_000, heapTotal: 98_304_000, heapUsed: 71_811_072, external: 3_211_264, arrayBuffers: 409_600 };
    return json(200, { status: "healthy", timestamp, uptime, memory, version: "1.0.0", buildTime: "2025-09-08T08:00:00.000Z", environment: "production" });
  }
  const db = scenario === "degraded" ? "unhealthy" : "healthy";
  return json(200, { status: scenario === "degraded" ? "degraded" : "healthy", timestamp, version: "1.0.0", environment: "production", uptime, checks: { database: db, cache: "healthy", api: "healthy" } });
}

const methodNotAllowed = (allow: string): SimResponse => ({ status: 405, headers: { allow }, body: "" });

/** Next.js App Router portals (CONTRACT §3, §3.1, §6). */
export async function handlePortal(surface: Exclude<SimSurface, "mgmt">, r: SimRequest, ctx: SimContext, scenario: ScenarioName): Promise<SimResponse> {
  if (r.path.length > 1 && r.path.endsWith("/")) {
    // next.config trailingSlash: false → permanent redirect to the path without the slash.
    return { status: 308, headers: { location: r.path.replace(/\/+$/, "") || "/" }, body: r.path.replace(/\/+$/, "") };
  }
  const getOnly = surface !== "reseller";
  switch (r.path) {
    case "/":
      return text(200, `<!DOCTYPE html><html><head><title>DotMac ${PORTAL_NAMES[surface]}</title></head><body><div id="__next">DotMac</div></body></html>`, HTML_TYPE);
    case "/api/health":
      if (surface === "reseller") return nextNotFound();
      return r.method === "GET" || r.method === "HEAD" ? apiHealth(surface, ctx, scenario) : methodNotAllowed("GET, HEAD");
    case "/api/health/client-check":
      if (getOnly && r.method !== "GET" && r.method !== "HEAD") return methodNotAllowed("GET, HEAD");
      return clientCheck(r, ctx, PORTAL_NAMES[surface]);
    case "/api/auth/refresh":
      if (surface === "admin") return r.method === "POST" ? adminRefresh(r, ctx) : methodNotAllowed("POST");
      if (surface === "reseller") return resellerRefresh(r, ctx);
      return nextNotFound();
    default:
      return nextNotFound();
  }
}
