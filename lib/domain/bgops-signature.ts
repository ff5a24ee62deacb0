import { excerptOf, isUpstreamError, mediaTypeOf } from "@/lib/upstream/errors";

/**
 * The one reading of a platform failure (CONTRACT §2.5 and the edge's answers): pages, runbook widgets,
 * the smoke test and the CLI all name a failure with these codes, meanings and runbook sections.
 */
export type BgopsSignatureCode =
  | "redis_unavailable"
  | "no_redis_client"
  | "router_not_mounted"
  | "https_required"
  | "tenant_mismatch"
  | "tenant_required"
  | "bad_api_version"
  | "token_refused"
  | "insufficient_scope"
  | "gateway_error"
  | "unreachable"
  | "timeout"
  | "other";

export interface BgopsSignature {
  code: BgopsSignatureCode;
  /** What was seen, e.g. "500 text/plain from bgops: Internal Server Error". */
  seen: string;
  /** Status and name, e.g. "401 HTTPS_REQUIRED": the start of a smoke summary. */
  headline: string;
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
  tenant_required: ["No tenant reached the platform: the tenant header, token and host carried none.", "§4"],
  bad_api_version: ["The API_VERSION the console sends is not supported by this backend.", "§1"],
  token_refused: ["The edge refused the token.", "§3"],
  insufficient_scope: ["The token lacks the scope or role for this route.", "§3"],
  gateway_error: ["Nginx answered for the app behind it, which did not answer.", "§2"],
  unreachable: ["The Management API did not answer (down, restarting, or not reachable from the console).", "§2"],
  timeout: ["The Management API did not answer in time.", "§2"],
  other: ["An answer the console does not recognise as a known platform failure.", "§5"],
};

function signature(code: BgopsSignatureCode, seen: string, short: string, headline = seen): BgopsSignature {
  const [meaning, runbookSection] = MEANINGS[code];
  return { code, seen, headline, short, meaning, runbookSection, fallbackWorthy: code !== "other" };
}

function header(a: BgopsAnswerLike, name: string): string | undefined {
  const hit = Object.entries(a.headers ?? {}).find(([k]) => k.toLowerCase() === name);
  return hit?.[1];
}

function json(body: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(body);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const text = (v: unknown) => (typeof v === "string" ? v : undefined);

/**
 * The failures that mean the same thing whichever route answered them: the edge (https, token, scope),
 * tenant context, API version, Nginx with nothing behind it. null when the answer is none of them.
 */
export function classifyPlatformAnswer(a: BgopsAnswerLike): BgopsSignature | null {
  const media = mediaTypeOf(a.contentType);
  const body = json(a.bodyText);
  const error = text(body?.error);
  const detail = text(body?.detail) ?? text(body?.message);
  const seen = `${a.status} ${media}${a.bodyText ? `: ${excerptOf(a.bodyText, 120)}` : ""}`;
  if (a.status === 401 && (error === "HTTPS_REQUIRED" || header(a, "x-auth-error") === "HTTPS_REQUIRED")) {
    return signature("https_required", seen, "API answered 401 HTTPS_REQUIRED", "401 HTTPS_REQUIRED");
  }
  if (a.status === 403 && (error === "TENANT_MISMATCH" || /tenant context mismatch|gateway tenant validation failed/i.test(detail ?? ""))) {
    const d = body?.details as Record<string, unknown> | undefined;
    const who = d && (d.expected_tenant || d.token_tenant) ? ` (expected ${text(d.expected_tenant) ?? "?"}, token ${text(d.token_tenant) ?? "?"})` : "";
    return signature("tenant_mismatch", seen, "API answered 403 tenant mismatch", `403 ${error === "TENANT_MISMATCH" ? error : detail}${who}`);
  }
  if (a.status === 400 && (/api version .* not supported/i.test(detail ?? "") || header(a, "x-supported-versions") !== undefined)) {
    const supported = header(a, "x-supported-versions");
    return signature("bad_api_version", seen, "API answered 400 API version not supported", `400 ${detail ?? "API version not supported"}${supported ? ` (X-Supported-Versions: ${supported})` : ""}`);
  }
  if (a.status === 400 && /tenant context required/i.test(detail ?? "")) return signature("tenant_required", seen, "API answered 400 tenant context required", `400 ${detail}`);
  if (a.status >= 502 && a.status <= 504 && media === "text/html" && /nginx/i.test(a.bodyText)) {
    const title = /<title>([^<]{1,60})<\/title>/i.exec(a.bodyText)?.[1]?.trim() ?? String(a.status);
    return signature("gateway_error", seen, `API answered ${a.status} from Nginx`, `${title} from Nginx`);
  }
  if (a.status === 401 && error && /^(TOKEN_|INVALID_)/.test(error)) return signature("token_refused", seen, `API answered 401 ${error}`, `401 ${error}`);
  if (a.status === 403 && error && /^INSUFFICIENT_/.test(error)) return signature("insufficient_scope", seen, `API answered 403 ${error}`, `403 ${error}`);
  return null;
}

function isMemoryHistory(body: string): boolean {
  const j = json(body);
  return j?.source === "memory" && Array.isArray(j.items) && j.items.length === 0;
}

/** Reads a bgops answer: the platform-wide failures first, then bgops's own (CONTRACT §2.5). */
export function classifyBgopsAnswer(a: BgopsAnswerLike): BgopsSignature {
  const media = mediaTypeOf(a.contentType);
  const excerpt = excerptOf(a.bodyText, 120);
  const seen = `${a.status} ${media} from bgops${excerpt ? `: ${excerpt}` : ""}`;
  const short = `bgops API answered ${a.status} ${media}`;
  const general = classifyPlatformAnswer(a);
  if (general) return { ...general, seen, short: general.short.replace(/^API/, "bgops API") };
  if (a.status === 404 && json(a.bodyText)?.detail === "Not Found") return signature("router_not_mounted", seen, "bgops API answered 404 Not Found (router not mounted)", '404 {"detail":"Not Found"}');
  if (a.status >= 500 && a.status !== 502 && a.status !== 503 && a.status !== 504 && !media.includes("json")) return signature("redis_unavailable", seen, short);
  if (a.status === 200 && isMemoryHistory(a.bodyText)) return signature("no_redis_client", seen, "bgops API has no Redis client (memory store)", "200 source memory, no items");
  if (a.status === 502 || a.status === 503 || a.status === 504) return signature("unreachable", seen, short);
  return signature("other", seen, short);
}

/** A signature in one line, the same words on every surface: "500 text/plain from bgops: … — bgops cannot reach Redis: … (runbook §5, §2)". */
export function explainSignature(sig: BgopsSignature): string {
  return `${sig.headline} — ${sig.meaning} (runbook ${sig.runbookSection})`;
}

/** Maps an UpstreamError, an observation, or an error already carrying a signature to a signature. */
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
  const message = err instanceof Error ? err.message : String(err);
  return signature("other", message, "bgops API call failed");
}
