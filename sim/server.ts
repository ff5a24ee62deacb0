import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { RequestLog, type SimContext } from "./context";
import { gate, mangle, validTenant } from "./faults";
import { parseCookies, readBody, text, type SimRequest, type SimResponse } from "./http";
import { LiveActivity } from "./live";
import { PlatformMetrics } from "./metrics";
import { createRng } from "./prng";
import { replayMetrics } from "./metrics-history";
import { handleControl } from "./routes/control";
import { handleMgmt } from "./routes/mgmt";
import { handlePortal } from "./routes/portals";
import { DEFAULT_LATENCY_MS, SCENARIOS, ScenarioBoard } from "./scenarios";
import { buildSeed } from "./seed/index";
import type { BgopsStore } from "./store";
import { MemoryStore } from "./store-memory";
import { RedisStore } from "./store-redis";
import { SIM_SURFACES, type SimCatalog, type SimSurface } from "./types";

export { SCENARIOS };
export type { SimCatalog };

type SurfaceName = "mgmt" | "admin" | "reseller" | "tenant";

export interface SimOptions {
  host?: string;
  ports?: Partial<Record<SurfaceName, number>>;
  /** mgmt = N, admin = N+1, reseller = N+2, tenant = N+3; 0 = pick free ports. */
  portBase?: number;
  seed?: number;
  scenario?: string;
  latencyMs?: number;
  static?: boolean;
  redisUrl?: string;
  /** Key prefix in Redis mode (the platform's storage class makes it configurable). Default "bgops". */
  redisPrefix?: string;
  incidentPeriodS?: number;
  incidentLengthS?: number;
  /** Seconds from start to the first incident (default 60); tests that wait for an incident shorten it. */
  incidentOffsetS?: number;
  now?: () => number;
}

export interface RunningSim {
  urls: Record<SurfaceName, string>;
  setScenario(scenario: string, surface?: "all" | SurfaceName, opts?: { latencyMs?: number }): void;
  requestCount(filter?: { surface?: string; pathPrefix?: string }): number;
  resetRequestCount(): void;
  catalog(): SimCatalog;
  close(): Promise<void>;
}

export const DEFAULT_PORTS: Record<SurfaceName, number> = { mgmt: 8001, admin: 3004, reseller: 3005, tenant: 3006 };
export const DEFAULT_SEED = 42;
const TICK_MS = 2000;
const INCIDENT_OFFSET_S = 60;

function resolvePorts(opts: SimOptions): Record<SurfaceName, number> {
  const base = opts.portBase;
  const ports: Record<SurfaceName, number> =
    base === undefined ? { ...DEFAULT_PORTS } : Object.fromEntries(SIM_SURFACES.map((s, i) => [s, base === 0 ? 0 : base + i])) as Record<SurfaceName, number>;
  for (const s of SIM_SURFACES) {
    const p = opts.ports?.[s];
    if (p !== undefined) ports[s] = p;
  }
  return ports;
}

function toSimRequest(surface: SimSurface, req: IncomingMessage): SimRequest {
  const url = new URL(req.url ?? "/", "http://simulator.invalid");
  let path = url.pathname;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    // Starlette keeps undecodable paths as they are; so do we.
  }
  let body: Promise<string> | null = null;
  return {
    surface,
    method: req.method ?? "GET",
    path,
    rawPath: url.pathname,
    query: url.searchParams,
    req,
    header: (name) => {
      const v = req.headers[name.toLowerCase()];
      return Array.isArray(v) ? v[0] : v;
    },
    cookies: () => parseCookies(req.headers.cookie),
    body: () => (body ??= readBody(req)),
  };
}

function write(res: ServerResponse, r: SimRequest, out: SimResponse): void {
  const headers: Record<string, string | string[] | number> = { ...(out.headers ?? {}) };
  if (out.contentType) headers["content-type"] = out.contentType;
  const body = Buffer.from(out.body ?? "", "utf8");
  headers["content-length"] = body.length;
  if (r.surface === "mgmt") {
    headers.server = "uvicorn";
    const tenant = r.header("x-tenant-id");
    if (tenant && validTenant(tenant) && out.status < 400) headers["x-tenant-context"] = `${tenant}:header`;
  } else headers["x-powered-by"] = "Next.js";
  res.writeHead(out.status, headers);
  res.end(r.method === "HEAD" ? undefined : body);
}

export async function startSimulator(opts: SimOptions = {}): Promise<RunningSim> {
  const now = opts.now ?? Date.now;
  const startedAtMs = now();
  const seed = opts.seed ?? DEFAULT_SEED;
  const host = opts.host ?? "127.0.0.1";
  const data = buildSeed(seed, startedAtMs);
  const store: BgopsStore = opts.redisUrl ? new RedisStore(opts.redisUrl, opts.redisPrefix ?? "bgops") : new MemoryStore(now);
  try {
    await store.load(data);
  } catch (err) {
    await store.close();
    throw new Error(`simulator: could not seed ${store.kind} store: ${(err as Error).message}`);
  }
  const rng = createRng(seed);
  const metrics = new PlatformMetrics(rng.fork("metrics"), startedAtMs - 7 * 86_400_000);
  // Seven days of traffic (with past incidents) warm the counters up; the demo console backfills its SLO history from it.
  const metricsHistory = replayMetrics(metrics, startedAtMs);
  const timers = new Set<NodeJS.Timeout>();
  const periodS = opts.incidentPeriodS ?? 600;
  const lengthS = opts.incidentLengthS ?? 120;
  const isStatic = opts.static ?? false;
  const ctx: SimContext = {
    board: new ScenarioBoard(opts.scenario ?? "healthy", opts.latencyMs ?? DEFAULT_LATENCY_MS),
    store,
    metrics,
    metricsHistory,
    catalog: data.catalog,
    requests: new RequestLog(),
    now,
    startedAtMs,
    static: isStatic,
    seed,
    flakyCounter: new Map(),
    incident: () => {
      const elapsed = (now() - startedAtMs) / 1000 - (opts.incidentOffsetS ?? INCIDENT_OFFSET_S);
      const active = !isStatic && elapsed >= 0 && periodS > 0 && elapsed % periodS < lengthS;
      return { active, periodS, lengthS };
    },
    delay: (ms) =>
      new Promise((resolve) => {
        const t = setTimeout(() => {
          timers.delete(t);
          resolve();
        }, ms);
        timers.add(t);
      }),
  };

  const urls = {} as Record<SurfaceName, string>;
  const servers: Server[] = [];
  const handler = (surface: SimSurface) => async (req: IncomingMessage, res: ServerResponse) => {
    // A client that gives up mid-answer (a timed-out console, a closed browser) must not take the simulator down.
    res.on("error", () => undefined);
    const r = toSimRequest(surface, req);
    try {
      if (r.path.startsWith("/__sim/")) return write(res, r, await handleControl(r, ctx, urls));
      ctx.requests.record(surface, r.method, r.path);
      const scenario = ctx.board.get(surface);
      const gated = await gate(r, ctx, scenario);
      if (gated === "hang") return;
      if (gated === "reset") return void req.socket.destroy();
      const out = gated ?? (surface === "mgmt" ? await handleMgmt(r, ctx, scenario.scenario) : await handlePortal(surface, r, ctx, scenario.scenario));
      write(res, r, mangle(out, scenario.scenario));
    } catch {
      try {
        if (!res.headersSent && !res.destroyed) write(res, r, text(500, "Internal Server Error"));
      } catch {
        res.destroy();
      }
    }
  };

  const close = async () => {
    for (const t of timers) clearTimeout(t);
    timers.clear();
    clearInterval(interval);
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeAllConnections();
          }),
      ),
    );
    await store.close();
  };

  let interval: NodeJS.Timeout | undefined;
  const ports = resolvePorts(opts);
  try {
    for (const surface of SIM_SURFACES) {
      const h = handler(surface);
      const server = createServer((req, res) => void h(req, res).catch(() => res.destroy()));
      server.on("clientError", (_err, socket) => socket.destroy());
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once("error", (err) => reject(new Error(`simulator: cannot listen on ${host}:${ports[surface]} for ${surface}: ${err.message}`)));
        server.listen(ports[surface], host, () => resolve());
      });
      const { port } = server.address() as AddressInfo;
      urls[surface] = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
    }
  } catch (err) {
    await close();
    throw err;
  }

  if (!isStatic) {
    const live = new LiveActivity(ctx, rng.fork("live"), data.sagas);
    interval = setInterval(() => void live.tick().catch(() => undefined), TICK_MS);
    interval.unref();
  }

  return {
    urls,
    setScenario: (scenario, surface = "all", o) => ctx.board.set(scenario, surface, o?.latencyMs),
    requestCount: (filter) => ctx.requests.count(filter),
    resetRequestCount: () => ctx.requests.reset(),
    catalog: () => structuredClone(ctx.catalog),
    close,
  };
}
