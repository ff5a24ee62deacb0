import { excerptOf, isUpstreamError, mediaTypeOf } from "@/lib/upstream/errors";

export type BgopsSignatureCode =
  | "redis_unavailable"
  | "no_redis_client"
  | "router_not_mounted"
  | "https_required"
  | "tenant_mismatch"
  | "bad_api_version"
  | "unreachable"
  | "timeout"
  | "other";

export interface BgopsSignature {
  code: BgopsSignatureCode;
  /** What was seen, e.g. "500 text/plain from bgops: Internal Server Error". */
  seen: string;
  /** Short form for "via Redis — bgops API answered 500 text/plain". */
  short: string;
  meaning: string;
  runbookSection: string;
  /** Redis holds the same records, so reading it directly is worth it (CONTRACT rule 3). */
  fallbackWorthy: boolean;
}

/** What classify reads off a response; an Observation fits. */
export interface BgopsAnswerLike {
  status: number;
  contentType: string | null;
  bodyText: string;
  headers?: Record<string, string>;
}

const MEANINGS: Record<BgopsSignatureCode, [meaning: string, section: string]> = {
  redis_unavailable: ["bgops cannot reach Redis: the Redis client is not importable or Redis is down.", "§5, §2"],
  no_redis_client: ["bgops has no Redis client at all and answers from an empty in-memory store.", "§5"],
  router_not_mounted: ["The bgops router is not mounted on this Management API.", "§5"],
  https_required: ["The call reached the API over plain http through the edge, which requires https.", "§7"],
  tenant_mismatch: ["The tenant header disagrees with the token or host (tenant context).", "§4"],
  bad_api_version: ["The API_VERSION the console sends is not supported by this backend.", "§1"],
  unreachable: ["The Management API did not answer (down, restarting, or not reachable from the console).", "§2"],
  timeout: ["The Management API did not answer in time.", "§2"],
  other: ["An answer the console does not recognise as a known bgops failure.", "§5"],
};

function signature(code: BgopsSignatureCode, seen: string, short: string): BgopsSignature {
  const [meaning, runbookSection] = MEANINGS[code];
  return { code, seen, short, meaning, runbookSection, fallbackWorthy: code !== "other" };
}

function header(a: BgopsAnswerLike, name: string): string | undefined {
  const hit = Object.entries(a.headers ?? {}).find(([k]) => k.toLowerCase() === name);
  return hit?.[1];
}

function isMemoryHistory(body: string): boolean {
  try {
    const j = JSON.parse(body) as { source?: unknown; items?: unknown };
    return j.source === "memory" && Array.isArray(j.items) && j.items.length === 0;
  } catch {
    return false;
  }
}

function isNotMounted(body: string): boolean {
  try {
    return (JSON.parse(body) as { detail?: unknown }).detail === "Not Found";
  } catch {
    return false;
  }
}

/** Reads an answer against CONTRACT §2.5. */
export function classifyBgopsAnswer(a: BgopsAnswerLike): BgopsSignature {
  const media = mediaTypeOf(a.contentType);
  const excerpt = excerptOf(a.bodyText, 120);
  const seen = `${a.status} ${media} from bgops${excerpt ? `: ${excerpt}` : ""}`;
  const short = `bgops API answered ${a.status} ${media}`;
  const body = a.bodyText;
  if (a.status === 401 && (header(a, "x-auth-error") === "HTTPS_REQUIRED" || body.includes("HTTPS_REQUIRED")))
    return signature("https_required", seen, "bgops API answered 401 HTTPS_REQUIRED");
  if ((a.status === 403 || a.status === 400) && /TENANT_MISMATCH|Tenant context mismatch|Gateway tenant validation failed|Tenant context required/.test(body))
    return signature("tenant_mismatch", seen, `bgops API answered ${a.status} tenant mismatch`);
  if (a.status === 400 && (/API version .* not supported/.test(body) || header(a, "x-supported-versions") !== undefined))
    return signature("bad_api_version", seen, "bgops API answered 400 API version not supported");
  if (a.status === 404 && isNotMounted(body)) return signature("router_not_mounted", seen, "bgops API answered 404 Not Found (router not mounted)");
  if (a.status >= 500 && a.status !== 502 && a.status !== 503 && a.status !== 504 && !media.includes("json"))
    return signature("redis_unavailable", seen, short);
  if (a.status === 200 && isMemoryHistory(body)) return signature("no_redis_client", seen, "bgops API has no Redis client (memory store)");
  if (a.status === 502 || a.status === 503 || a.status === 504) return signature("unreachable", seen, short);
  return signature("other", seen, short);
}

/** Maps an UpstreamError, an observation, or an error already carrying a signature to a §2.5 signature. */
export function classifyBgopsFailure(err: unknown): BgopsSignature {
  if (err && typeof err === "object" && "signature" in err) {
    const s = (err as { signature: unknown }).signature;
    if (s && typeof s === "object" && "code" in s && "fallbackWorthy" in s) return s as BgopsSignature;
  }
  if (isUpstreamError(err)) {
    if (err.kind === "unreachable") return signature("unreachable", err.message, "bgops API unreachable");
    if (err.kind === "timeout") return signature("timeout", err.message, "bgops API timed out");
    if (err.observation) {
      const judged = classifyBgopsAnswer(err.observation);
      // A 200 that fails the schema is a shape problem, not a §2.5 failure.
      return err.kind === "http_status" || judged.code === "router_not_mounted" ? judged : signature("other", err.message, judged.short);
    }
    return signature("other", err.message, "bgops API call failed");
  }
  if (err && typeof err === "object" && "status" in err && "bodyText" in err) {
    return classifyBgopsAnswer(err as BgopsAnswerLike);
  }
  const text = err instanceof Error ? err.message : String(err);
  return signature("other", text, "bgops API call failed");
}
