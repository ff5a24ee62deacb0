import "server-only";
import { createBgopsRedisClient } from "@/lib/bgops/redis-client";
import { createApiSource } from "@/lib/bgops/api-source";
import { createRedisSource } from "@/lib/bgops/redis-source";
import { createBgopsService, type BgopsService } from "@/lib/bgops/service";
import { BgopsSourceError, type BgopsAnswer, type BgopsVia, type ListSagasOptions, type Lookup, type SagaHistory } from "@/lib/bgops/types";
import { getEnv } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import { upstreamErrorCode } from "@/lib/http/map-error";
import { coalesced, getPlatformClient } from "@/lib/server/platform";
import { processState } from "@/lib/server/process-state";
import { TtlMap } from "@/lib/server/ttl-map";
import type { UpstreamIdempotencyRecord, UpstreamSaga } from "@/lib/upstream/schemas/bgops";

let lastRedisErrorLog = 0;

function createRedis(url: string) {
  return createBgopsRedisClient(url, {
    // ioredis emits every reconnect failure; one line a minute is enough to say Redis is unreachable.
    onError: (err) => {
      if (Date.now() - lastRedisErrorLog > 60_000) {
        lastRedisErrorLog = Date.now();
        console.error(`[bgops] Redis (REDIS_URL) is unreachable: ${err.message}`);
      }
    },
  });
}

/** The server's one bgops service: the Management API first, read-only Redis as fallback when REDIS_URL is set. */
export function getBgopsService(): BgopsService {
  if (processState.bgops) return processState.bgops;
  const { redisUrl } = getEnv().console;
  const redisClient = redisUrl ? createRedis(redisUrl) : undefined;
  processState.bgops = createBgopsService({
    api: createApiSource(getPlatformClient()),
    redis: redisClient ? createRedisSource(redisClient, { timeoutMs: 3_000, redact: getPlatformClient().redact }) : null,
  });
  return processState.bgops;
}

/** What the view models need to judge a record: the tenant in use and the "possibly stuck" threshold. */
export function bgopsContext() {
  const { platform, console: c } = getEnv();
  return { tenantInUse: platform.tenantSlug, stuckAfterMs: c.stuckAfterMs, hasRedis: Boolean(c.redisUrl) };
}

export const sourceLabel = (via: BgopsVia) => (via === "api" ? "the bgops API" : "Redis");

/** The other place to look after "not found", when it exists and did not just fail to answer. */
export function otherSource(via: BgopsVia, sources: readonly SourceReport[] = []): BgopsVia | null {
  const other = via === "redis" ? "api" : getBgopsService().hasRedis ? "redis" : null;
  return other && !sources.some((s) => s.source === other && s.answer === "unreachable") ? other : null;
}

/** BgopsSourceError → the console's error envelope, keeping the §2.5 signature for the page. */
export function toBgopsApiError(err: unknown): unknown {
  if (!(err instanceof BgopsSourceError)) return err;
  // "Ask Redis" on a console without REDIS_URL is a configuration answer, not a failing upstream.
  if (err.via === "redis" && !getBgopsService().hasRedis) return new ApiError("not_configured", err.message);
  const code = upstreamErrorCode(err.signature?.code);
  return new ApiError(code, err.message, { via: err.via, signature: err.signature ?? null, fallbackError: err.fallbackError ?? null, hasRedis: getBgopsService().hasRedis });
}

export interface SagaDetailLoad {
  saga: BgopsAnswer<Lookup<UpstreamSaga>>;
  history: BgopsAnswer<SagaHistory> | null;
  historyFailure: { message: string; signature: unknown } | null;
}

/**
 * Saga + history in one coalesced load: a room of engineers polling one saga costs the platform two
 * requests per freshness window, not two per browser. History failing alone still shows the saga.
 */
export async function loadSagaDetail(id: string, via?: BgopsVia) {
  const svc = getBgopsService();
  return coalesced<SagaDetailLoad>(`bgops saga ${via ?? "auto"} ${id}`, async () => {
    const [saga, history] = await Promise.allSettled([svc.getSaga(id, { via }), svc.getSagaHistory(id, { via })]);
    if (saga.status === "rejected") throw saga.reason;
    if (history.status === "fulfilled") return { saga: saga.value, history: history.value, historyFailure: null };
    const reason: unknown = history.reason;
    if (!saga.value.result.found) throw reason;
    const message = reason instanceof Error ? reason.message : String(reason);
    return { saga: saga.value, history: null, historyFailure: { message, signature: reason instanceof BgopsSourceError ? (reason.signature ?? null) : null } };
  });
}

export function loadIdempotencyList(limit: number) {
  return coalesced(`bgops idempotency list ${limit}`, () => getBgopsService().listIdempotency(limit));
}

export function loadIdempotencyKey(key: string, via?: BgopsVia) {
  return coalesced<BgopsAnswer<Lookup<UpstreamIdempotencyRecord>>>(`bgops key ${via ?? "auto"} ${key}`, () => getBgopsService().getIdempotency(key, { via }));
}

export function loadSagaList(opts: ListSagasOptions) {
  const key = `bgops sagas ${opts.limit} ${opts.status ?? ""} ${opts.tenant ?? ""} ${opts.workflowType ?? ""}`;
  return coalesced(key, () => getBgopsService().listSagas(opts));
}

const AUDIT_WINDOW_MS = 10 * 60_000;
// A bound, not a target: beyond it the oldest look-ups are forgotten and audited again if repeated.
const AUDIT_MEMORY = 5_000;

/**
 * True the first time a user looks something up within ten minutes: a page polling a running saga
 * every few seconds is one look-up, not hundreds of audit records.
 */
export function shouldAuditLookup(userId: string, action: string, target: string): boolean {
  const seen = (processState.lookupAudits ??= new TtlMap<true>(AUDIT_MEMORY, AUDIT_WINDOW_MS));
  const key = `${userId} ${action} ${target}`;
  if (seen.get(key)) return false;
  seen.set(key, true);
  return true;
}

/** Where an answer came from and how old it is: the same four fields on every bgops response. */
export function sourceFields(answer: BgopsAnswer<unknown>, fetchedAt: number) {
  return { via: answer.via, fallbackReason: answer.fallbackReason ?? null, signature: answer.signature ?? null, fetchedAt };
}

/** What one source said about a record that was not found. */
export interface SourceReport {
  source: BgopsVia;
  answer: "not_found" | "found" | "unreachable";
  detail: string | null;
}

const OTHER_PROBE_MS = 1_500;

/**
 * Every source's word on a look-up that ended in "not found": the one that answered, the API when its failure
 * sent the look-up to Redis, and (when the user did not pick a source) Redis asked as well, bounded, so the page
 * can say "not in the API; Redis unreachable" instead of a bare not-found.
 */
export async function notFoundReport(
  answer: BgopsAnswer<Lookup<unknown>>,
  explicitVia: BgopsVia | undefined,
  askRedis: () => Promise<BgopsAnswer<Lookup<unknown>>>,
): Promise<{ sources: SourceReport[]; sentence: string; everySourceAnswered: boolean; /** Redis's answer when it was asked too. */ other: Lookup<unknown> | null }> {
  const sources: SourceReport[] = [{ source: answer.via, answer: "not_found", detail: answer.result.found ? null : answer.result.reason }];
  let otherResult: Lookup<unknown> | null = null;
  if (answer.via === "redis" && answer.fallbackReason) sources.unshift({ source: "api", answer: "unreachable", detail: answer.fallbackReason });
  if (answer.via === "api" && !explicitVia && getBgopsService().hasRedis) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${OTHER_PROBE_MS / 1000} s`)), OTHER_PROBE_MS);
    });
    try {
      const other = await Promise.race([askRedis(), late]);
      otherResult = other.result;
      sources.push({ source: "redis", answer: other.result.found ? "found" : "not_found", detail: other.result.found ? null : other.result.reason });
    } catch (e) {
      sources.push({ source: "redis", answer: "unreachable", detail: e instanceof Error ? e.message : String(e) });
    } finally {
      clearTimeout(timer);
    }
  }
  const [first, ...rest] = sources.filter((s) => s.answer === "not_found").concat(sources.filter((s) => s.answer !== "not_found"));
  const words = (s: SourceReport) =>
    s.answer === "not_found" ? `not found in ${sourceLabel(s.source)}` : s.answer === "found" ? `${sourceLabel(s.source)} has it` : `${sourceLabel(s.source)} could not be asked (${s.detail})`;
  const sentence = [first, ...rest].filter((s): s is SourceReport => Boolean(s)).map(words).join("; ");
  // Not final while a source could not be asked: the page keeps asking instead of settling on "not found".
  return { sources, sentence, everySourceAnswered: sources.every((s) => s.answer !== "unreachable"), other: otherResult };
}
