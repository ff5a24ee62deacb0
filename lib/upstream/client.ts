import type { ZodType } from "zod";
import { UpstreamError, describeSurface, excerptOf, isUpstreamError, mediaTypeOf } from "@/lib/upstream/errors";
import { fetchOnce } from "@/lib/upstream/fetch-once";
import { resolveUpstreamUrl } from "@/lib/upstream/paths";
import { createRedactor, redactError } from "@/lib/upstream/redact";
import { retryDelayMs } from "@/lib/upstream/retry";
import type {
  Observation,
  PlatformClient,
  PlatformConfig,
  ProbeInit,
  Surface,
  UpstreamErrorKind,
} from "@/lib/upstream/types";
import { SURFACES } from "@/lib/upstream/types";

export const USER_AGENT = "dotmac-oncall-console";

/** One report per logical call (probe or getJson), after retries, for metrics. */
export interface UpstreamRequestReport {
  surface: Surface;
  method: string;
  status?: number;
  kind?: UpstreamErrorKind;
  durationMs: number;
  /** Requests actually sent (1 + retries). */
  attempts: number;
}

export interface PlatformClientHooks {
  onRequest?: (report: UpstreamRequestReport) => void;
  /** Injected for tests; defaults to a real timer. */
  sleep?: (ms: number) => Promise<void>;
}

const HEALTH_PATH = /^\/(?:health|api\/health|ready|startup)/;
// Credentials and routing headers are the client's alone: a caller cannot smuggle a browser's in.
const CALLER_FORBIDDEN = new Set(["authorization", "proxy-authorization", "cookie", "host", "x-forwarded-for", "forwarded"]);
const MAX_RETRIES = 2;

export function isHealthPath(path: string): boolean {
  return HEALTH_PATH.test(path);
}

export function createPlatformClient(config: PlatformConfig, hooks: PlatformClientHooks = {}): PlatformClient {
  const redact = createRedactor([config.mgmtToken, ...(config.redactSecrets ?? [])]);
  const sleep = hooks.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const publicConfig = Object.freeze({
    baseUrls: Object.freeze({ ...config.baseUrls }),
    tenantSlug: config.tenantSlug,
    apiVersion: config.apiVersion,
    timeoutMs: config.timeoutMs,
    healthTimeoutMs: config.healthTimeoutMs,
    maxBodyBytes: config.maxBodyBytes,
  });

  function report(r: UpstreamRequestReport) {
    try {
      hooks.onRequest?.(r);
    } catch {
      // Metrics must never break a request.
    }
  }

  function buildHeaders(surface: Surface, init: ProbeInit): Headers {
    const headers = new Headers({ Accept: "application/json", "User-Agent": USER_AGENT });
    if (init.platformHeaders !== false) {
      headers.set("X-Tenant-ID", config.tenantSlug);
      headers.set("X-API-Version", config.apiVersion);
    }
    for (const [name, value] of Object.entries(init.headers ?? {})) {
      if (CALLER_FORBIDDEN.has(name.toLowerCase())) continue;
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/.test(name) || !/^[\t\x20-\x7e]*$/.test(value)) {
        throw new UpstreamError("invalid_input", `Header ${name.slice(0, 64)} has an invalid name or value`);
      }
      headers.set(name, value);
    }
    if (surface === "mgmt" && config.mgmtToken) headers.set("Authorization", `Bearer ${config.mgmtToken}`);
    return headers;
  }

  /** Sends with retries; never reports. Throws UpstreamError only. */
  async function send(surface: Surface, path: string, init: ProbeInit): Promise<{ obs: Observation; attempts: number }> {
    if (!SURFACES.includes(surface)) throw new UpstreamError("invalid_input", "Unknown platform surface");
    const base = config.baseUrls[surface];
    const url = resolveUpstreamUrl(base, path);
    const method = (init.method ?? "GET").toUpperCase();
    if (!/^[A-Z]{1,16}$/.test(method)) throw new UpstreamError("invalid_input", "Invalid HTTP method");
    if (init.body !== undefined && (method === "GET" || method === "HEAD")) {
      throw new UpstreamError("invalid_input", `A ${method} request cannot carry a body`);
    }
    const headers = buildHeaders(surface, init);
    let budgetMs = init.timeoutMs ?? config.timeoutMs;
    if (isHealthPath(path)) budgetMs = Math.max(budgetMs, config.healthTimeoutMs);
    const deadline = performance.now() + budgetMs;

    for (let attempt = 0; ; attempt++) {
      const remaining = Math.max(1, Math.round(deadline - performance.now()));
      let obs: Observation | null = null;
      let failure: UpstreamError | null = null;
      try {
        obs = await fetchOnce({
          fetch: config.fetch,
          surface,
          url,
          path,
          method,
          headers,
          body: init.body,
          timeoutMs: remaining,
          budgetMs,
          maxBodyBytes: config.maxBodyBytes,
          redact,
        });
      } catch (e) {
        failure = redactError(isUpstreamError(e) ? e : new UpstreamError("unreachable", `${describeSurface(surface)} request failed`), redact);
      }
      const delay =
        method === "GET" && attempt < MAX_RETRIES
          ? retryDelayMs({ attempt, obs, failure, remainingMs: deadline - performance.now() })
          : null;
      if (delay === null) {
        if (failure) throw failure;
        return { obs: obs as Observation, attempts: attempt + 1 };
      }
      await sleep(delay);
    }
  }

  async function probe(surface: Surface, path: string, init: ProbeInit = {}): Promise<Observation> {
    const started = performance.now();
    try {
      const { obs, attempts } = await send(surface, path, init);
      report({ surface, method: obs.method, status: obs.status, durationMs: performance.now() - started, attempts });
      return obs;
    } catch (e) {
      reportFailure(surface, init, e, started);
      throw e;
    }
  }

  function reportFailure(surface: Surface, init: ProbeInit, e: unknown, started: number) {
    // Refused input never reached the platform, so it is not an upstream request.
    if (!isUpstreamError(e) || e.kind === "invalid_input") return;
    report({
      surface,
      method: (init.method ?? "GET").toUpperCase(),
      status: e.status ?? e.observation?.status,
      kind: e.kind,
      durationMs: performance.now() - started,
      attempts: 1,
    });
  }

  async function getJson<T>(
    surface: Surface,
    path: string,
    schema: ZodType<T>,
    init: ProbeInit = {},
  ): Promise<{ data: T; observation: Observation }> {
    if (init.method !== undefined && init.method.toUpperCase() !== "GET") {
      throw new UpstreamError("invalid_input", "getJson only sends GET");
    }
    const started = performance.now();
    try {
      const { obs, attempts } = await send(surface, path, { ...init, method: "GET" });
      // judgeJson reads the already-redacted observation; its texts are redacted again for the zod issues.
      const data = (() => {
        try {
          return judgeJson(obs, schema, config.maxBodyBytes);
        } catch (e) {
          throw redactError(e, redact);
        }
      })();
      report({ surface, method: "GET", status: obs.status, durationMs: performance.now() - started, attempts });
      return { data, observation: obs };
    } catch (e) {
      reportFailure(surface, init, e, started);
      throw e;
    }
  }

  return { config: publicConfig, redact, probe, getJson };
}

/** A usable JSON answer, or the precise reason it is not one. */
export function judgeJson<T>(obs: Observation, schema: ZodType<T>, maxBodyBytes?: number): T {
  const name = describeSurface(obs.surface);
  const media = mediaTypeOf(obs.contentType);
  const excerpt = excerptOf(obs.bodyText);
  const base = {
    surface: obs.surface,
    path: obs.path,
    status: obs.status,
    contentType: obs.contentType,
    observation: obs,
  };
  if (obs.status >= 300 && obs.status < 400) {
    const where = obs.location ? `to ${obs.location}` : "without a Location header";
    throw new UpstreamError("redirect", `${name} redirected (${obs.status}) ${where}`, { ...base, location: obs.location });
  }
  if (obs.status < 200 || obs.status >= 300) {
    const said = excerpt === "" ? "(empty body)" : excerpt;
    throw new UpstreamError("http_status", `${name} answered ${obs.status} ${media}: ${said}`, { ...base, excerpt });
  }
  if (obs.truncated) {
    const limit = maxBodyBytes === undefined ? "the size limit" : formatBytes(maxBodyBytes);
    throw new UpstreamError("too_large", `${name} answered a body larger than ${limit} (UPSTREAM_MAX_BODY_BYTES); it was cut off`, {
      ...base,
      excerpt,
    });
  }
  const trimmed = obs.bodyText.trimStart();
  const looksJson = media.includes("json") || trimmed.startsWith("{") || trimmed.startsWith("[");
  let parsed: unknown;
  try {
    if (!looksJson) throw new Error("not JSON");
    parsed = JSON.parse(obs.bodyText);
  } catch {
    const said = excerpt === "" ? "(empty body)" : excerpt;
    throw new UpstreamError("not_json", `${name} answered ${obs.status} ${media} that is not JSON: ${said}`, { ...base, excerpt });
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const zodIssues = result.error.issues.map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`);
    const shown = zodIssues.slice(0, 3).join("; ");
    const more = zodIssues.length > 3 ? ` (+${zodIssues.length - 3} more)` : "";
    throw new UpstreamError("shape_mismatch", `${name} answered JSON of an unexpected shape: ${shown}${more}`, {
      ...base,
      excerpt,
      zodIssues,
    });
  }
  return result.data;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KiB` : `${bytes} bytes`;
}
