import type { SimContext } from "../context";
import { PY_JSON_DECODE_ERROR } from "../format";
import { internalServerError, json, type SimRequest, type SimResponse } from "../http";
import type { Route } from "./router";

/** How the bgops router is wired in this scenario (CONTRACT §2, §2.5). */
export type BgopsMode = "redis" | "no-redis" | "down";

const limitError = (type: string, msg: string, input: string, ctx?: Record<string, number>) =>
  json(422, { detail: [{ type, loc: ["query", "limit"], msg, input, ...(ctx ? { ctx } : {}) }] });

/** FastAPI's Query(50, ge=1, le=500): validated before the handler runs, whatever Redis is doing. */
export function parseLimit(query: URLSearchParams): number | SimResponse {
  const raw = query.getAll("limit").at(-1);
  if (raw === undefined) return 50;
  if (!/^\s*[+-]?\d+\s*$/.test(raw)) {
    return limitError("int_parsing", "Input should be a valid integer, unable to parse string as an integer", raw);
  }
  const n = Number.parseInt(raw.trim(), 10);
  if (n < 1) return limitError("greater_than_equal", "Input should be greater than or equal to 1", raw, { ge: 1 });
  if (n > 500) return limitError("less_than_equal", "Input should be less than or equal to 500", raw, { le: 500 });
  return n;
}

async function listKeys(r: SimRequest, ctx: SimContext, mode: BgopsMode): Promise<SimResponse> {
  const limit = parseLimit(r.query);
  if (typeof limit !== "number") return limit;
  if (mode !== "redis") return internalServerError();
  const members = await ctx.store.indexTop(limit);
  const items: Record<string, string>[] = [];
  for (const member of members) {
    const hash = await ctx.store.keyHash(member);
    if (Object.keys(hash).length === 0) continue;
    items.push({ ...hash, key: member });
  }
  return json(200, { source: "redis", count: items.length, items });
}

async function getKey(key: string, ctx: SimContext, mode: BgopsMode): Promise<SimResponse> {
  if (mode === "down") return internalServerError();
  const notFound = json(404, { detail: "Idempotency key not found" });
  if (mode === "no-redis") return notFound;
  const hash = await ctx.store.keyHash(key);
  if (Object.keys(hash).length === 0) return notFound;
  return json(200, { source: "redis", item: hash });
}

async function getSaga(id: string, ctx: SimContext, mode: BgopsMode): Promise<SimResponse> {
  if (mode === "down") return internalServerError();
  const notFound = json(404, { detail: "Saga not found" });
  if (mode === "no-redis") return notFound;
  const raw = await ctx.store.sagaRaw(id);
  if (raw === null) return notFound;
  try {
    return json(200, { source: "redis", saga: JSON.parse(raw) as unknown });
  } catch {
    return notFound;
  }
}

async function getHistory(id: string, ctx: SimContext, mode: BgopsMode): Promise<SimResponse> {
  if (mode === "down") return internalServerError();
  if (mode === "no-redis") return json(200, { source: "memory", items: [] });
  const raw = await ctx.store.historyRaw(id);
  try {
    return json(200, { source: "redis", items: raw.map((line) => JSON.parse(line) as unknown) });
  } catch {
    return json(200, { source: "redis", error: PY_JSON_DECODE_ERROR, items: [] });
  }
}

const SEGMENT = "([^/]+)";

export function bgopsRoutes(mode: BgopsMode): Route[] {
  const base = "/api/v1/bgops";
  return [
    { pattern: new RegExp(`^${base}/idempotency$`), methods: ["GET"], handle: (r, ctx) => listKeys(r, ctx, mode) },
    { pattern: new RegExp(`^${base}/idempotency/${SEGMENT}$`), methods: ["GET"], handle: (_r, ctx, m) => getKey(m[1] ?? "", ctx, mode) },
    { pattern: new RegExp(`^${base}/sagas/${SEGMENT}$`), methods: ["GET"], handle: (_r, ctx, m) => getSaga(m[1] ?? "", ctx, mode) },
    { pattern: new RegExp(`^${base}/sagas/${SEGMENT}/history$`), methods: ["GET"], handle: (_r, ctx, m) => getHistory(m[1] ?? "", ctx, mode) },
  ];
}
