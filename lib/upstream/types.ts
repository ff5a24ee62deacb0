import type { ZodType } from "zod";
import type { Redactor } from "@/lib/upstream/redact";

/** The four DotMac surfaces the console talks to (CONTRACT §1). */
export type Surface = "mgmt" | "admin" | "reseller" | "tenant";
export const SURFACES: readonly Surface[] = ["mgmt", "admin", "reseller", "tenant"] as const;

export interface PlatformConfig {
  /** Base URL per surface, e.g. { mgmt: "http://127.0.0.1:8001", ... }. A path prefix is allowed. */
  baseUrls: Record<Surface, string>;
  tenantSlug: string;
  apiVersion: string;
  /** Sent as `Authorization: Bearer …` to the Management API only. Never logged, never echoed. */
  mgmtToken?: string;
  /** Other secrets to blank out of whatever the platform echoes (e.g. the Redis password); the token always is. */
  redactSecrets?: readonly string[];
  timeoutMs: number;
  /** Health probes get at least this (the legacy /health/ handler blocks ~1 s). */
  healthTimeoutMs: number;
  maxBodyBytes: number;
  fetch: typeof fetch;
}

/** What was actually seen on the wire. Never throws on an HTTP status. */
export interface Observation {
  surface: Surface;
  method: string;
  /** Path and query as requested (no origin, no credentials). */
  path: string;
  status: number;
  contentType: string | null;
  headers: Record<string, string>;
  /** Location header of a 3xx, as sent. */
  location: string | null;
  ttfbMs: number;
  totalMs: number;
  bodyText: string;
  /** True when the body exceeded maxBodyBytes and was cut. */
  truncated: boolean;
}

export type UpstreamErrorKind =
  | "unreachable"
  | "timeout"
  | "redirect"
  | "http_status"
  | "not_json"
  | "shape_mismatch"
  | "too_large"
  | "invalid_input";

export interface ProbeInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  /** Default true: send X-Tenant-ID / X-API-Version from config. */
  platformHeaders?: boolean;
}

export interface PlatformClient {
  readonly config: Readonly<Omit<PlatformConfig, "mgmtToken" | "fetch" | "redactSecrets">>;
  /** The client's one redaction (its token and other secrets, credential-shaped values), for texts it did not
   *  produce itself: smoke results, Redis and Vault answers. */
  readonly redact: Redactor;
  /** One request; resolves with what was seen for any HTTP status; rejects with UpstreamError
   *  (unreachable | timeout | invalid_input) when nothing usable came back. */
  probe(surface: Surface, path: string, init?: ProbeInit): Promise<Observation>;
  /** GET + JSON + zod. Rejects with UpstreamError for redirect, http_status, not_json, shape_mismatch too. */
  getJson<T>(surface: Surface, path: string, schema: ZodType<T>, init?: ProbeInit): Promise<{ data: T; observation: Observation }>;
}
