import type { SimContext } from "../context";
import { isoMicros } from "../format";
import { json } from "../http";
import type { Route } from "./router";

/** Current generation: static answers, nothing checked, always 200 (CONTRACT §3). */
export function currentHealthRoutes(notReady: boolean): Route[] {
  return [
    { pattern: /^\/health$/, methods: ["GET"], handle: () => json(200, { status: "healthy", platform: "management_platform", version: "1.0.0", timestamp: "unknown" }) },
    { pattern: /^\/health\/live$/, methods: ["GET"], handle: () => json(200, { status: "alive" }) },
    {
      pattern: /^\/health\/ready$/,
      methods: ["GET"],
      handle: () => json(200, { status: notReady ? "not_ready" : "ready", checks: [{ name: "configuration", status: "unknown" }] }),
    },
    { pattern: /^\/health\/startup$/, methods: ["GET"], handle: () => json(200, { status: "started", platform: "management_platform" }) },
  ];
}

const LEGACY_BLOCK_MS = 1000;

function legacyBody(ctx: SimContext, degraded: boolean) {
  const now = ctx.now();
  const wobble = (base: number, spread: number) => Math.round((base + ((now / 1000) % spread)) * 10) / 10;
  return {
    status: degraded ? "degraded" : "healthy",
    timestamp: isoMicros(now, 0),
    version: "1.0.0",
    uptime_seconds: Math.round((now - ctx.startedAtMs) / 10) / 100,
    cpu_percent: degraded ? wobble(91, 8) : wobble(12, 9),
    memory_percent: degraded ? wobble(88, 5) : wobble(41, 6),
    disk_percent: 63.4,
    database: degraded ? "unhealthy" : "healthy",
    cache: "healthy",
    external_services: { signoz: "healthy", openbao: "healthy", freeradius: "healthy", voltha: "healthy" },
    environment: "production",
    service_name: "dotmac-management",
  };
}

/** Legacy generation: /health/ (slash!) blocks ~1 s sampling CPU; ready can be 503; no /health/startup. */
export function legacyHealthRoutes(degraded: boolean): Route[] {
  return [
    {
      pattern: /^\/health\/$/,
      methods: ["GET"],
      handle: async (_r, ctx) => {
        await ctx.delay(LEGACY_BLOCK_MS);
        return json(200, legacyBody(ctx, degraded));
      },
    },
    {
      pattern: /^\/health\/ready$/,
      methods: ["GET"],
      handle: () => (degraded ? json(503, { detail: { status: "not ready", reason: "service unhealthy" } }) : json(200, { status: "ready" })),
    },
    { pattern: /^\/health\/live$/, methods: ["GET"], handle: (_r, ctx) => json(200, { status: "alive", timestamp: isoMicros(ctx.now(), 0) }) },
    {
      pattern: /^\/startup\/status$/,
      methods: ["GET"],
      handle: (_r, ctx) => json(200, { status: "completed", started_at: isoMicros(ctx.startedAtMs, 0), duration_seconds: 4.21, errors: [] }),
    },
  ];
}
