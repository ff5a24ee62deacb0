import "server-only";
import type { ZodType } from "zod";
import { getEnv } from "@/lib/env";
import { consoleMetrics } from "@/lib/observability/metrics";
import { createCoalescer } from "@/lib/upstream/coalesce";
import { createPlatformClient } from "@/lib/upstream/client";
import { urlSecrets } from "@/lib/upstream/redact";
import type { PlatformClient, Surface } from "@/lib/upstream/types";
import { processState } from "@/lib/server/process-state";


/** The server's one platform client; the token stays here, the browser only ever talks to the console. */
export function getPlatformClient(): PlatformClient {
  if (processState.platformClient) return processState.platformClient;
  const { platform, console: c } = getEnv();
  processState.platformClient = createPlatformClient(
    {
      // Whatever the platform, Redis or Vault echo back is scrubbed of every secret the console holds.
      redactSecrets: [
        ...urlSecrets(c.redisUrl),
        ...urlSecrets(c.databaseUrl),
        ...[c.authSecret, c.metricsToken, c.oidc?.clientSecret].filter((s): s is string => Boolean(s)),
      ],
      baseUrls: platform.baseUrls,
      tenantSlug: platform.tenantSlug,
      apiVersion: platform.apiVersion,
      mgmtToken: platform.mgmtToken,
      timeoutMs: platform.timeoutMs,
      healthTimeoutMs: platform.healthTimeoutMs,
      maxBodyBytes: platform.maxBodyBytes,
      fetch: globalThis.fetch,
    },
    { onRequest: (report) => consoleMetrics.recordUpstream(report) },
  );
  return processState.platformClient;
}

function getCoalescer() {
  processState.coalescer ??= createCoalescer({ freshnessMs: getEnv().console.coalesceMs, maxEntries: 2_000 });
  return processState.coalescer;
}

/**
 * Coalesced upstream GET: concurrent identical requests share one platform call, and an answer is reused for
 * the freshness window, so a room of engineers polling one saga costs the platform one request per window.
 */
export async function coalescedGetJson<T>(surface: Surface, path: string, schema: ZodType<T>) {
  const result = await getCoalescer().get(`${surface} ${path}`, () => getPlatformClient().getJson(surface, path, schema));
  consoleMetrics.recordCoalescer(result.result);
  return { ...result.value, fetchedAt: Date.now() - result.ageMs, coalesced: result.coalesced };
}

export function coalescerStats() {
  return getCoalescer().stats();
}

/** Any shared, short-lived server computation (e.g. the health matrix) with the same coalescing. */
export async function coalesced<T>(key: string, load: () => Promise<T>): Promise<{ value: T; fetchedAt: number }> {
  const result = await getCoalescer().get(key, load);
  consoleMetrics.recordCoalescer(result.result);
  return { value: result.value, fetchedAt: Date.now() - result.ageMs };
}

/** An unexpected error as one log line, through the platform client's redaction (it may quote an upstream). */
export function redactedForLog(err: unknown): string {
  const text = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
  try {
    return getPlatformClient().redact(text);
  } catch {
    return "(unloggable error: the configuration is invalid)";
  }
}
