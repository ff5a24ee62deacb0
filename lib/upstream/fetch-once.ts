import { UpstreamError, describeSurface } from "@/lib/upstream/errors";
import { redactError } from "@/lib/upstream/redact";
import type { Redactor } from "@/lib/upstream/redact";
import type { Observation, Surface } from "@/lib/upstream/types";

export interface AttemptInput {
  fetch: typeof fetch;
  surface: Surface;
  url: URL;
  /** Path and query as the caller gave it, for observations and messages. */
  path: string;
  method: string;
  headers: Headers;
  body?: string;
  /** Milliseconds this attempt may take, headers and body together. */
  timeoutMs: number;
  /** Total budget of the call, for the message (retries share it). */
  budgetMs: number;
  maxBodyBytes: number;
  /** Blanks secrets out of anything the platform echoes back (Location, headers, body). */
  redact: Redactor;
}

// Response headers that can carry credentials are kept visible as present, never with their value.
const REDACTED_HEADERS = new Set(["set-cookie", "authorization", "proxy-authorization", "x-vault-token"]);

/** One request on the wire. Resolves for any HTTP status; rejects with unreachable or timeout. */
export async function fetchOnce(input: AttemptInput): Promise<Observation> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, input.timeoutMs);
  const started = performance.now();
  let ttfbMs: number | null = null;
  try {
    const res = await input.fetch(input.url, {
      method: input.method,
      headers: input.headers,
      body: input.body,
      redirect: "manual",
      signal: controller.signal,
      cache: "no-store",
    });
    ttfbMs = performance.now() - started;
    const { text, truncated } = await readCapped(res, input.maxBodyBytes);
    const totalMs = performance.now() - started;
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name] = REDACTED_HEADERS.has(name) ? "(redacted)" : input.redact(value);
    });
    const isRedirect = res.status >= 300 && res.status < 400;
    return {
      surface: input.surface,
      method: input.method,
      path: input.path,
      status: res.status,
      contentType: res.headers.get("content-type"),
      headers,
      location: isRedirect ? sanitiseLocation(res.headers.get("location"), input.redact) : null,
      ttfbMs: round(ttfbMs),
      totalMs: round(totalMs),
      bodyText: input.redact(text),
      truncated,
    };
  } catch (e) {
    if (e instanceof UpstreamError) throw e;
    throw redactError(classifyFailure(e, input, timedOut, ttfbMs !== null), input.redact);
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(res: Response, cap: number): Promise<{ text: string; truncated: boolean }> {
  if (!res.body) return { text: "", truncated: false };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > cap) {
      chunks.push(value.subarray(0, cap - size));
      size = cap;
      truncated = true;
      // Stop the download: an oversized body must not cost the console memory or time.
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { text: new TextDecoder("utf-8", { fatal: false }).decode(all), truncated };
}

const NETWORK_CODES = [
  "ECONNREFUSED",
  "ENOTFOUND",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EPIPE",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
];

/** The most specific network cause in an undici error chain: a code like ECONNREFUSED, else a message. */
export function networkCause(e: unknown): string {
  const seen = new Set<unknown>();
  const queue: unknown[] = [e];
  let fallback: string | null = null;
  while (queue.length > 0) {
    const cur = queue.shift();
    if (!cur || typeof cur !== "object" || seen.has(cur)) continue;
    seen.add(cur);
    const obj = cur as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof obj.code === "string" && NETWORK_CODES.includes(obj.code)) return obj.code;
    if (typeof obj.message === "string") {
      if (/socket hang up|other side closed/i.test(obj.message)) return "connection reset: socket hang up";
      if (obj.message !== "fetch failed" && fallback === null) fallback = obj.message;
    }
    if (typeof obj.code === "string" && obj.code.startsWith("UND_ERR_SOCKET")) fallback ??= "connection closed";
    if (obj.cause) queue.push(obj.cause);
    if (Array.isArray(obj.errors)) queue.push(...obj.errors);
  }
  return (fallback ?? "network error").slice(0, 120);
}

function classifyFailure(e: unknown, input: AttemptInput, timedOut: boolean, gotHeaders: boolean): UpstreamError {
  const name = describeSurface(input.surface);
  const details = { surface: input.surface, path: input.path, cause: e };
  if (timedOut) {
    const message = gotHeaders
      ? `${name} sent headers but the body did not finish within ${input.budgetMs} ms`
      : `${name} did not answer within ${input.budgetMs} ms`;
    return new UpstreamError("timeout", message, details);
  }
  const cause = networkCause(e);
  const message = gotHeaders
    ? `${name} at ${input.url.host} closed the connection while sending the body (${cause})`
    : `${name} is unreachable at ${input.url.host} (${cause})`;
  return new UpstreamError("unreachable", message, details);
}

function sanitiseLocation(location: string | null, redact: Redactor): string | null {
  if (location === null) return null;
  let value = location;
  try {
    const abs = new URL(location);
    if (abs.username || abs.password) {
      abs.username = "";
      abs.password = "";
      value = abs.toString();
    }
  } catch {
    // A relative Location (the usual "/health/") is kept as sent.
  }
  return redact(value.replace(/[\u0000-\u001f\u007f]/g, "")).slice(0, 500);
}

const round = (ms: number) => Math.round(ms * 10) / 10;
