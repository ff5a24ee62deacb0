import type { SimContext } from "../context";
import { json, text, type SimRequest, type SimResponse } from "../http";
import { STATIC_METRICS_TEXT } from "../metrics";
import type { ScenarioName } from "../scenarios";
import { bgopsRoutes, type BgopsMode } from "./bgops";
import { currentHealthRoutes, legacyHealthRoutes } from "./mgmt-health";
import { dispatchFastApi, type Route } from "./router";
import { fakeJwt } from "./tokens";

const PROM_TYPE = "text/plain; version=0.0.4; charset=utf-8";

function bgopsMode(scenario: ScenarioName): BgopsMode | null {
  if (scenario === "bgops-not-mounted") return null;
  if (scenario === "bgops-no-redis") return "no-redis";
  if (scenario === "redis-down") return "down";
  return "redis";
}

async function authRefresh(r: SimRequest, ctx: SimContext): Promise<SimResponse> {
  let token: unknown;
  try {
    token = (JSON.parse(await r.body()) as { refresh_token?: unknown }).refresh_token;
  } catch {
    return json(422, { detail: [{ type: "json_invalid", loc: ["body", 0], msg: "JSON decode error", input: {} }] });
  }
  if (typeof token !== "string" || token.length === 0 || /invalid|expired|revoked/.test(token)) {
    return json(401, { detail: "Invalid refresh token" });
  }
  const now = ctx.now();
  return json(200, {
    access_token: fakeJwt({ sub: "usr_42", type: "access", tenant_id: ctx.catalog.defaultTenant }, now, 900),
    refresh_token: fakeJwt({ sub: "usr_42", type: "refresh", tenant_id: ctx.catalog.defaultTenant }, now, 7 * 86400),
    token_type: "bearer",
    expires_in: 900,
  });
}

function mgmtRoutes(scenario: ScenarioName): Route[] {
  const legacy = scenario === "legacy-health" || scenario === "degraded";
  const health = legacy ? legacyHealthRoutes(scenario === "degraded") : currentHealthRoutes(scenario === "not-ready");
  const mode = bgopsMode(scenario);
  return [
    ...health,
    {
      pattern: /^\/metrics$/,
      methods: ["GET"],
      handle: (_r, ctx) => (scenario === "static-metrics" ? text(200, STATIC_METRICS_TEXT) : text(200, ctx.metrics.render(), PROM_TYPE)),
    },
    { pattern: /^\/api\/v1\/auth\/refresh$/, methods: ["POST"], handle: (r, ctx) => authRefresh(r, ctx) },
    ...(mode ? bgopsRoutes(mode) : []),
  ];
}

export function handleMgmt(r: SimRequest, ctx: SimContext, scenario: ScenarioName): Promise<SimResponse> {
  return dispatchFastApi(mgmtRoutes(scenario), r, ctx);
}
