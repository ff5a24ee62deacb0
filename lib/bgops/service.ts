import { isUpstreamError } from "@/lib/upstream/errors";
import { classifyBgopsFailure } from "@/lib/domain/bgops-signature";
import {
  BgopsSourceError,
  type BgopsAnswer,
  type BgopsSource,
  type BgopsVia,
  type IdempotencyList,
  type ListSagasOptions,
  type Lookup,
  type SagaHistory,
  type SagaList,
} from "@/lib/bgops/types";
import type { UpstreamIdempotencyRecord, UpstreamSaga } from "@/lib/upstream/schemas/bgops";

export interface CallOptions {
  /** Ask one source explicitly, e.g. "look in Redis" after "not found in the bgops API". */
  via?: BgopsVia;
}

export interface BgopsService {
  readonly hasRedis: boolean;
  listIdempotency(limit: number, opts?: CallOptions): Promise<BgopsAnswer<IdempotencyList>>;
  getIdempotency(key: string, opts?: CallOptions): Promise<BgopsAnswer<Lookup<UpstreamIdempotencyRecord>>>;
  getSaga(id: string, opts?: CallOptions): Promise<BgopsAnswer<Lookup<UpstreamSaga>>>;
  getSagaHistory(id: string, opts?: CallOptions): Promise<BgopsAnswer<SagaHistory>>;
  /** Redis only; without REDIS_URL it throws a BgopsSourceError that says listing needs it. */
  listSagas(opts: ListSagasOptions): Promise<BgopsAnswer<SagaList>>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The API first; Redis only when the API answered with a failure signature worth falling back on
 * (CONTRACT §2.5) and REDIS_URL is configured. Without Redis the signature travels in the error.
 */
export function createBgopsService(sources: { api: BgopsSource; redis?: BgopsSource | null }): BgopsService {
  const { api } = sources;
  const redis = sources.redis ?? null;

  async function run<T>(fn: (s: BgopsSource) => Promise<T>, opts: CallOptions = {}): Promise<BgopsAnswer<T>> {
    if (opts.via === "redis") {
      if (!redis) throw new BgopsSourceError("redis", "Redis is not configured (set REDIS_URL to read bgops keys directly)");
      return { via: "redis", result: await fn(redis) };
    }
    try {
      return { via: "api", result: await fn(api) };
    } catch (e) {
      // Refused input never reached the platform; Redis would refuse it too.
      if (isUpstreamError(e) && e.kind === "invalid_input") throw e;
      const signature = classifyBgopsFailure(e);
      if (!redis || !signature.fallbackWorthy || opts.via === "api") {
        if (e instanceof BgopsSourceError) throw e;
        throw new BgopsSourceError("api", message(e), { signature, cause: e });
      }
      try {
        return { via: "redis", fallbackReason: signature.short, signature, result: await fn(redis) };
      } catch (re) {
        throw new BgopsSourceError("api", `${signature.seen}; the Redis fallback failed too: ${message(re)}`, {
          signature,
          cause: e,
          fallbackError: message(re),
        });
      }
    }
  }

  return {
    hasRedis: redis !== null,
    listIdempotency: (limit, o) => run((s) => s.listIdempotency(limit), o),
    getIdempotency: (key, o) => run((s) => s.getIdempotency(key), o),
    getSaga: (id, o) => run((s) => s.getSaga(id), o),
    getSagaHistory: (id, o) => run((s) => s.getSagaHistory(id), o),
    async listSagas(opts) {
      if (!redis?.listSagas) {
        throw new BgopsSourceError("api", "The bgops API has no route to list sagas: listing needs REDIS_URL. Search by saga id instead.");
      }
      return { via: "redis", result: await redis.listSagas(opts) };
    },
  };
}
