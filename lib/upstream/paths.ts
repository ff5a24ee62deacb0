import { UpstreamError } from "@/lib/upstream/errors";

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const SAGA_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,255}$/;
export const LIMIT_MIN = 1;
export const LIMIT_MAX = 500;

// Reasons never echo the value: it may be 10,000 characters or carry control characters.
function checkCommon(raw: unknown, what: string, maxLength: number): Parsed<string> {
  if (typeof raw !== "string") return { ok: false, reason: `${what} must be text` };
  if (raw.length === 0) return { ok: false, reason: `${what} is empty` };
  if (raw.trim() === "") return { ok: false, reason: `${what} is only whitespace` };
  if (raw.length > maxLength) return { ok: false, reason: `${what} is longer than ${maxLength} characters` };
  if (/[\u0000-\u001f\u007f]/.test(raw)) return { ok: false, reason: `${what} contains control characters` };
  if (/[^\u0020-\u007e]/.test(raw)) return { ok: false, reason: `${what} contains non-ASCII characters` };
  if (/[/\\]/.test(raw)) return { ok: false, reason: `${what} contains a slash or backslash` };
  if (raw.includes("%")) return { ok: false, reason: `${what} contains "%" (percent-encoding is not allowed)` };
  if (/\s/.test(raw)) return { ok: false, reason: `${what} contains whitespace` };
  return { ok: true, value: raw };
}

/** A saga id as the platform generates them (uuid4) or a caller chose: letters, digits, _ and -. */
export function parseSagaId(raw: unknown): Parsed<string> {
  const common = checkCommon(raw, "Saga id", 128);
  if (!common.ok) return common;
  if (!SAGA_ID.test(common.value)) {
    return { ok: false, reason: "Saga id must start with a letter or digit and contain only letters, digits, _ and -" };
  }
  return common;
}

/** A client idempotency key or the platform's sha256 hex; "." and ":" allowed, ".." never. */
export function parseIdempotencyKey(raw: unknown): Parsed<string> {
  const common = checkCommon(raw, "Idempotency key", 256);
  if (!common.ok) return common;
  const key = common.value;
  if (key.includes("..")) return { ok: false, reason: 'Idempotency key contains ".."' };
  if (!IDEMPOTENCY_KEY.test(key)) {
    return {
      ok: false,
      reason: "Idempotency key must start with a letter or digit and contain only letters, digits, _ . : and -",
    };
  }
  // bgops:idempo:index is the platform's ZSET of keys; the route answers 500 WRONGTYPE for it (CONTRACT §2).
  if (key === "index") {
    return { ok: false, reason: '"index" is the bgops index ZSET (bgops:idempo:index), not an idempotency record' };
  }
  return common;
}

/** The list route's limit: a whole number from 1 to 500, as a number or decimal digits. */
export function parseLimit(raw: unknown): Parsed<number> {
  let n: number;
  if (typeof raw === "number") n = raw;
  else if (typeof raw === "string" && /^[0-9]{1,4}$/.test(raw)) n = Number(raw);
  else return { ok: false, reason: `Limit must be a whole number from ${LIMIT_MIN} to ${LIMIT_MAX}` };
  if (!Number.isInteger(n) || n < LIMIT_MIN || n > LIMIT_MAX) {
    return { ok: false, reason: `Limit must be a whole number from ${LIMIT_MIN} to ${LIMIT_MAX}` };
  }
  return { ok: true, value: n };
}

function must<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new UpstreamError("invalid_input", parsed.reason);
  return parsed.value;
}

const BGOPS = "/api/v1/bgops";

/** Paths of the four bgops routes (CONTRACT §2). Every segment is validated again here, then encoded. */
export const bgopsPaths = {
  idempotencyList(limit: number): string {
    return `${BGOPS}/idempotency?limit=${must(parseLimit(limit))}`;
  },
  idempotencyKey(key: string): string {
    return `${BGOPS}/idempotency/${encodeURIComponent(must(parseIdempotencyKey(key)))}`;
  },
  saga(id: string): string {
    return `${BGOPS}/sagas/${encodeURIComponent(must(parseSagaId(id)))}`;
  },
  sagaHistory(id: string): string {
    return `${BGOPS}/sagas/${encodeURIComponent(must(parseSagaId(id)))}/history`;
  },
} as const;

/**
 * The full URL for `path` on a configured base (which may carry a path prefix, e.g. https://x/api-gw).
 * Asserted afterwards: same origin, same prefix, and the path came through unnormalised — so "..",
 * "%2e%2e", backslashes or "//host" in a path can never aim a request anywhere else.
 */
export function resolveUpstreamUrl(base: string, path: string): URL {
  let baseUrl: URL;
  try {
    baseUrl = new URL(base);
  } catch {
    throw new UpstreamError("invalid_input", "The configured base URL is not a URL");
  }
  if (baseUrl.protocol !== "http:" && baseUrl.protocol !== "https:") {
    throw new UpstreamError("invalid_input", "The configured base URL must be http or https");
  }
  if (baseUrl.username || baseUrl.password || baseUrl.search || baseUrl.hash) {
    throw new UpstreamError("invalid_input", "The configured base URL must not carry credentials, a query or a fragment");
  }
  if (!path.startsWith("/") || path.startsWith("//")) {
    throw new UpstreamError("invalid_input", 'Upstream path must start with a single "/"');
  }
  if (path.includes("#")) throw new UpstreamError("invalid_input", "Upstream path must not contain a fragment");

  const prefix = baseUrl.pathname.replace(/\/+$/, "");
  const queryAt = path.indexOf("?");
  const rawPathname = queryAt === -1 ? path : path.slice(0, queryAt);
  const url = new URL(`${baseUrl.origin}${prefix}${path}`);

  const expectedPathname = `${prefix}${rawPathname}`;
  if (url.origin !== baseUrl.origin) {
    throw new UpstreamError("invalid_input", "Upstream URL left the configured origin");
  }
  if (prefix !== "" && url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) {
    throw new UpstreamError("invalid_input", "Upstream URL left the configured path prefix");
  }
  if (url.pathname !== expectedPathname) {
    throw new UpstreamError("invalid_input", "Upstream path was changed by URL normalisation (dot segments, backslashes or unencoded characters)");
  }
  return url;
}
