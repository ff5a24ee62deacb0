import {
  idempotencyKeyResponseSchema,
  idempotencyListResponseSchema,
  parseLeniently,
  sagaHistoryResponseSchema,
  sagaResponseSchema,
  type UpstreamSaga,
} from "@/lib/upstream/schemas/bgops";
import { UpstreamError } from "@/lib/upstream/errors";
import { createRedactor, type Redactor } from "@/lib/upstream/redact";
import { parseIdempotencyKey, parseLimit, parseSagaId, type Parsed } from "@/lib/upstream/paths";
import { parseIsoMs } from "@/lib/domain/time";
import { readOnlyRedis, type RedisLike } from "@/lib/bgops/read-only-redis";
import { BgopsSourceError, type BgopsSource, type ListSagasOptions, type SagaList } from "@/lib/bgops/types";

const SCAN_COUNT = 500;
const GET_BATCH = 200;
const DEFAULT_MAX_SCAN = 20_000;

function must<T>(p: Parsed<T>): T {
  if (!p.ok) throw new UpstreamError("invalid_input", p.reason);
  return p.value;
}

const globEscape = (s: string) => s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

/**
 * bgops records read straight from Redis (CONTRACT §2.4), the way the platform's router reads them,
 * then parsed with the same schemas as the API's answers so both sources give the same records.
 */
export function createRedisSource(client: RedisLike, opts: { prefix?: string; timeoutMs?: number; redact?: Redactor } = {}): BgopsSource {
  const prefix = opts.prefix ?? "bgops";
  // Redis error replies and connection errors are upstream text too: the platform client's one redaction.
  const redact = opts.redact ?? createRedactor();
  const raw = readOnlyRedis(client, { timeoutMs: opts.timeoutMs });
  // Values are platform data like the API's bodies, and pass the same redaction (keys are ids, kept as they are).
  const redis = {
    ...raw,
    get: async (key: string) => {
      const v = await raw.get(key);
      return v === null ? null : redact(v);
    },
    hgetall: async (key: string) => Object.fromEntries(Object.entries(await raw.hgetall(key)).map(([f, v]) => [f, redact(v)])),
    lrange: async (key: string, start: number, stop: number) => (await raw.lrange(key, start, stop)).map(redact),
  };
  const k = (...parts: string[]) => [prefix, ...parts].join(":");

  async function read<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof UpstreamError || e instanceof BgopsSourceError) throw e;
      throw new BgopsSourceError("redis", redact(`Redis read failed (${what}): ${e instanceof Error ? e.message : String(e)}`), { cause: e });
    }
  }

  function parsed<T>(schema: Parameters<typeof parseLeniently<T>>[0], envelope: unknown, what: string): T {
    const r = parseLeniently(schema, envelope);
    if (!r.ok) throw new BgopsSourceError("redis", redact(`Redis holds ${what} of an unexpected shape: ${r.issues.slice(0, 3).join("; ")}`));
    return r.data;
  }

  async function readSaga(id: string): Promise<{ raw: unknown; saga: UpstreamSaga } | null> {
    const text = await redis.get(k("saga", id));
    if (text === null) return null;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return null; // the router answers 404 for a blob that is not JSON
    }
    return { raw, saga: parsed(sagaResponseSchema, { source: "redis", saga: raw }, `saga ${id}`).saga };
  }

  const source: BgopsSource = {
    kind: "redis",

    listIdempotency: (limit) =>
      read("idempotency index", async () => {
        const n = must(parseLimit(limit));
        const members = await redis.zrevrange(k("idempo", "index"), 0, n - 1);
        const hashes = await Promise.all(members.map((m) => redis.hgetall(k("idempo", m))));
        // An expired key is gone from Redis but stays in the index: skip it, as the router does.
        const items = hashes.flatMap((h, i) => (Object.keys(h).length === 0 ? [] : [{ ...h, key: members[i] }]));
        const list = parsed(idempotencyListResponseSchema, { source: "redis", count: items.length, items }, "the idempotency list");
        return { items: list.items, reportedCount: list.count, error: null, invalidItems: list.invalidItems, upstreamSource: "redis" };
      }),

    getIdempotency: (key) =>
      read(`key ${key}`, async () => {
        const member = must(parseIdempotencyKey(key));
        const hash = await redis.hgetall(k("idempo", member));
        if (Object.keys(hash).length === 0) {
          // The router says 404 either way; the index still holding it is what tells "expired" from "never existed".
          const score = await redis.zscore(k("idempo", "index"), member);
          if (score === null) return { found: false, reason: "Idempotency key not found" };
          return { found: false, reason: "Idempotency key expired", expired: { createdAt: new Date(score * 1000).toISOString(), evidence: "redis-index" } };
        }
        const r = parsed(idempotencyKeyResponseSchema, { source: "redis", item: hash }, `key ${key}`);
        return { found: true, value: r.item, upstreamSource: "redis", raw: hash };
      }),

    getSaga: (id) =>
      read(`saga ${id}`, async () => {
        const r = await readSaga(must(parseSagaId(id)));
        return r ? { found: true, value: r.saga, upstreamSource: "redis", raw: r.raw } : { found: false, reason: "Saga not found" };
      }),

    getSagaHistory: (id) =>
      read(`history of ${id}`, async () => {
        const lines = await redis.lrange(k("saga", "history", must(parseSagaId(id))), 0, -1);
        let items: unknown[];
        try {
          items = lines.map((l) => JSON.parse(l) as unknown);
        } catch (e) {
          // Mirrors the router: one entry that is not JSON empties the whole answer.
          return { items: [], error: redact(e instanceof Error ? e.message : String(e)), invalidItems: [], upstreamSource: "redis", raw: { source: "redis", items: [] } };
        }
        const h = parsed(sagaHistoryResponseSchema, { source: "redis", items }, `history of ${id}`);
        return { items: h.items, error: null, invalidItems: h.invalidItems, upstreamSource: "redis", raw: { source: "redis", items } };
      }),

    listSagas: (o) => read("saga scan", () => listSagas(o)),
  };

  async function listSagas(o: ListSagasOptions): Promise<SagaList> {
    const limit = Math.max(1, Math.min(500, Math.trunc(o.limit)));
    const maxScan = o.maxScanKeys ?? DEFAULT_MAX_SCAN;
    const historyPrefix = `${k("saga", "history")}:`;
    const keys: string[] = [];
    let cursor = "0";
    let visited = 0;
    do {
      const [next, found] = await redis.scan(cursor, `${globEscape(k("saga"))}:*`, SCAN_COUNT);
      cursor = next;
      visited += found.length;
      // bgops:saga:history:* also matches bgops:saga:* (CONTRACT §2.4).
      for (const key of found) if (!key.startsWith(historyPrefix)) keys.push(key);
    } while (cursor !== "0" && visited < maxScan);

    const sagas: UpstreamSaga[] = [];
    let unreadable = 0;
    for (let i = 0; i < keys.length; i += GET_BATCH) {
      const batch = keys.slice(i, i + GET_BATCH);
      const results = await Promise.all(batch.map((key) => readSaga(key.slice(k("saga").length + 1)).catch(() => null)));
      for (const r of results) if (r) sagas.push(r.saga);
      unreadable += results.filter((r) => r === null).length;
    }
    const matches = sagas.filter(
      (s) =>
        (!o.status || s.status.value === o.status || s.status.raw === o.status) &&
        (!o.tenant || s.tenant_id === o.tenant) &&
        (!o.workflowType || s.workflow_type === o.workflowType),
    );
    const recency = (s: UpstreamSaga) => parseIsoMs(s.updated_at) ?? parseIsoMs(s.created_at) ?? 0;
    matches.sort((a, b) => recency(b) - recency(a));
    return { items: matches.slice(0, limit), scannedKeys: keys.length, complete: cursor === "0", unreadable };
  }

  return source;
}
