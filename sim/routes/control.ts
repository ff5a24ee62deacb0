import type { SimContext } from "../context";
import { isLoopback, json, type SimRequest, type SimResponse } from "../http";
import { selectHistory } from "../metrics-history";
import { SCENARIOS, UnknownScenarioError } from "../scenarios";
import { SIM_SURFACES, type SimSurface } from "../types";

/** /__sim/*: the simulator's own control plane, for loopback clients only. */
export async function handleControl(r: SimRequest, ctx: SimContext, urls: Record<SimSurface, string>): Promise<SimResponse> {
  if (!isLoopback(r.req.socket.remoteAddress)) return json(403, { error: "the simulator's control endpoints answer loopback clients only" });
  const route = `${r.method} ${r.path}`;
  switch (route) {
    case "POST /__sim/scenario":
      return setScenario(r, ctx);
    case "GET /__sim/state":
      return json(200, {
        surfaces: ctx.board.snapshot(),
        urls,
        store: ctx.store.kind,
        static: ctx.static,
        seed: ctx.seed,
        startedAt: new Date(ctx.startedAtMs).toISOString(),
        now: new Date(ctx.now()).toISOString(),
        incident: ctx.incident(),
        scenarios: SCENARIOS,
      });
    case "GET /__sim/catalog":
      return json(200, ctx.catalog);
    case "GET /__sim/metrics/history": {
      const names = r.query.get("names");
      return json(200, selectHistory(ctx.metricsHistory, names ? new Set(names.split(",")) : null));
    }
    case "GET /__sim/requests": {
      const surface = r.query.get("surface") ?? undefined;
      const pathPrefix = r.query.get("pathPrefix") ?? undefined;
      return json(200, { total: ctx.requests.count({ surface, pathPrefix }), entries: ctx.requests.entries() });
    }
    case "POST /__sim/requests/reset":
      ctx.requests.reset();
      return json(200, { ok: true, total: 0 });
    default:
      return json(404, { error: `no control endpoint ${route}`, endpoints: ["POST /__sim/scenario", "GET /__sim/state", "GET /__sim/catalog", "GET /__sim/metrics/history", "GET /__sim/requests", "POST /__sim/requests/reset"] });
  }
}

async function setScenario(r: SimRequest, ctx: SimContext): Promise<SimResponse> {
  let body: { scenario?: unknown; surface?: unknown; latencyMs?: unknown };
  try {
    body = JSON.parse((await r.body()) || "{}") as typeof body;
  } catch {
    return json(400, { error: "body must be JSON: {\"scenario\": NAME, \"surface\"?: \"all\"|\"mgmt\"|\"admin\"|\"reseller\"|\"tenant\", \"latencyMs\"?: number}" });
  }
  const surface = body.surface ?? "all";
  if (surface !== "all" && !SIM_SURFACES.includes(surface as SimSurface)) {
    return json(422, { error: `unknown surface "${String(surface)}"`, valid: ["all", ...SIM_SURFACES] });
  }
  const latency = body.latencyMs;
  if (latency !== undefined && (typeof latency !== "number" || !Number.isFinite(latency) || latency < 0)) {
    return json(422, { error: "latencyMs must be a non-negative number" });
  }
  try {
    ctx.board.set(String(body.scenario), surface as SimSurface | "all", latency as number | undefined);
  } catch (err) {
    if (err instanceof UnknownScenarioError) return json(422, { error: err.message, scenario: err.scenario, valid: SCENARIOS });
    throw err;
  }
  return json(200, { ok: true, surfaces: ctx.board.snapshot() });
}
