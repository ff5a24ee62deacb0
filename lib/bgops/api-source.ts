import type { z } from "zod";
import {
  type SagaHistoryResponse,
  idempotencyKeyResponseSchema,
  idempotencyListResponseSchema,
  sagaHistoryResponseSchema,
  sagaResponseSchema,
} from "@/lib/upstream/schemas/bgops";
import type { LenientEnum } from "@/lib/upstream/schemas/lenient";
import { isUpstreamError } from "@/lib/upstream/errors";
import { bgopsPaths } from "@/lib/upstream/paths";
import type { Observation, PlatformClient } from "@/lib/upstream/types";
import { classifyBgopsFailure } from "@/lib/domain/bgops-signature";
import { BgopsSourceError, type BgopsSource, type Lookup } from "@/lib/bgops/types";

// Any id the path builder accepts; only used to ask history whether bgops has a Redis client at all.
const PROBE_SAGA_ID = "console-probe-no-such-saga";
const PROBE_HEDGE_MS = 250;
// How long a history answer serves both of one page load's askers (the 404 probe and the history read).
const HISTORY_SHARE_MS = 1_000;

const sourceName = (s: LenientEnum<string>) => (s.value === "unknown" ? (s.raw ?? "unknown") : s.value);

function rawBody(obs: Observation): unknown {
  try {
    return JSON.parse(obs.bodyText);
  } catch {
    return null;
  }
}

function notFoundDetail(e: unknown): string | null {
  if (!isUpstreamError(e) || e.kind !== "http_status" || e.status !== 404 || !e.observation) return null;
  const body = rawBody(e.observation) as { detail?: unknown } | null;
  const detail = body?.detail;
  return detail === "Saga not found" || detail === "Idempotency key not found" ? detail : null;
}

interface SharedCall<T> {
  call: Promise<{ data: T; observation: Observation }>;
  settledAt: number | null;
  probed?: boolean;
}

/** The Management API's four bgops routes (CONTRACT §2), with 404s turned into answers. */
export function createApiSource(client: PlatformClient): BgopsSource {
  // A saga page reads the saga and its history at once; an unknown saga's 404 then needs that same history
  // (memory store or not). One GET serves both: joined in flight, or handed once to the 404's probe for a
  // moment after it settled. Nothing else reuses a settled answer, so a changed platform is seen at once.
  const histories = new Map<string, SharedCall<SagaHistoryResponse>>();
  function sharedHistory(id: string, asker: "read" | "probe") {
    const now = Date.now();
    for (const [k, e] of histories) if (e.settledAt !== null && now - e.settledAt > HISTORY_SHARE_MS) histories.delete(k);
    const hit = histories.get(id);
    if (hit && hit.settledAt === null) {
      if (asker === "probe") hit.probed = true;
      return hit.call;
    }
    if (hit && asker === "probe") {
      histories.delete(id);
      return hit.call;
    }
    const entry: SharedCall<SagaHistoryResponse> = { call: client.getJson("mgmt", bgopsPaths.sagaHistory(id), sagaHistoryResponseSchema), settledAt: null };
    const settle = () => {
      // Only a read's answer waits for its probe; a probe's own answer has no one to wait for.
      if (asker === "read" && !entry.probed && histories.get(id) === entry) entry.settledAt = Date.now();
      else if (histories.get(id) === entry) histories.delete(id);
    };
    entry.call.then(settle, settle);
    histories.set(id, entry);
    return entry.call;
  }

  async function get<T>(path: string, schema: z.ZodType<T>) {
    try {
      return await client.getJson("mgmt", path, schema);
    } catch (e) {
      if (!isUpstreamError(e) || e.kind === "invalid_input") throw e;
      throw new BgopsSourceError("api", e.message, { signature: classifyBgopsFailure(e), cause: e });
    }
  }

  /**
   * Key and saga answer 404 both when the record is missing and when bgops has no Redis client;
   * only history tells them apart ({"source":"memory","items":[]}, CONTRACT §2.5).
   */
  async function lookup<T, V>(
    path: string,
    schema: z.ZodType<T>,
    pick: (d: T) => { value: V; source: string },
    historyId: string,
  ): Promise<Lookup<V>> {
    // A slow answer gets the history probe beside it, so a slow 404 costs one upstream timeout, not two;
    // a quick answer (found, or a fast 404) costs no extra request until a 404 needs it.
    let probe: Promise<Observation | null> | null = null;
    const askHistory = () =>
      (probe ??= sharedHistory(historyId, "probe").then(
        (r) => r.observation,
        (e: unknown) => (isUpstreamError(e) ? (e.observation ?? null) : null),
      ));
    const hedge = setTimeout(askHistory, PROBE_HEDGE_MS);
    try {
      const { data, observation } = await client.getJson("mgmt", path, schema).finally(() => clearTimeout(hedge));
      const { value, source } = pick(data);
      return { found: true, value, upstreamSource: source, raw: rawBody(observation) };
    } catch (e) {
      const detail = notFoundDetail(e);
      if (detail === null) {
        if (!isUpstreamError(e) || e.kind === "invalid_input") throw e;
        throw new BgopsSourceError("api", e.message, { signature: classifyBgopsFailure(e), cause: e });
      }
      const history = await askHistory();
      const sig = history ? classifyBgopsFailure(history) : null;
      if (sig?.code === "no_redis_client") {
        throw new BgopsSourceError("api", `bgops answered "${detail}" from its in-memory store: it has no Redis client`, { signature: sig });
      }
      return { found: false, reason: detail };
    }
  }

  return {
    kind: "api",

    async listIdempotency(limit) {
      const { data } = await get(bgopsPaths.idempotencyList(limit), idempotencyListResponseSchema);
      return {
        items: data.items,
        reportedCount: data.count,
        error: data.error,
        invalidItems: data.invalidItems,
        upstreamSource: sourceName(data.source),
      };
    },

    // async so that a refused id rejects like every other failure instead of throwing synchronously
    getIdempotency: async (key) =>
      lookup(bgopsPaths.idempotencyKey(key), idempotencyKeyResponseSchema, (d) => ({ value: d.item, source: sourceName(d.source) }), PROBE_SAGA_ID),

    getSaga: async (id) =>
      lookup(bgopsPaths.saga(id), sagaResponseSchema, (d) => ({ value: d.saga, source: sourceName(d.source) }), id),

    async getSagaHistory(id) {
      const { data, observation } = await sharedHistory(id, "read").catch((e: unknown) => {
        if (!isUpstreamError(e) || e.kind === "invalid_input") throw e;
        throw new BgopsSourceError("api", e.message, { signature: classifyBgopsFailure(e), cause: e });
      });
      const sig = classifyBgopsFailure(observation);
      if (sig.code === "no_redis_client") {
        throw new BgopsSourceError("api", "bgops has no Redis client: history comes from an empty in-memory store", { signature: sig });
      }
      return {
        items: data.items,
        error: data.error,
        invalidItems: data.invalidItems,
        upstreamSource: sourceName(data.source),
        raw: rawBody(observation),
      };
    },
  };
}
