/**
 * Query keys shared by the server (prefetch into the dehydrated cache) and the client hooks: one definition,
 * so a page's first data is found by the hook that refreshes it.
 */
export const queryKeys = {
  saga: (id: string, via: string | null | undefined) => ["saga", id, via ?? "auto"] as const,
  idempotencyKey: (key: string, via: string | null | undefined, from: string | null | undefined) => ["idempotency-key", key, via ?? "auto", from ?? null] as const,
  healthMatrix: () => ["health-matrix"] as const,
  sloReport: (window: string) => ["slo", window] as const,
  alertRules: (window: string) => ["alert-rules", window] as const,
  smokeRuns: () => ["smoke-runs"] as const,
  openIncidents: () => ["incidents", "open"] as const,
  incidents: () => ["incidents"] as const,
  idempotencyList: (qs: string) => ["idempotency", qs] as const,
  sagaList: (qs: string) => ["sagas", qs] as const,
};

/** The `via` of a URL: a known source or nothing (anything else is ignored, as the API would refuse it). */
export function viaParam(v: string | string[] | null | undefined): "api" | "redis" | null {
  return v === "api" || v === "redis" ? v : null;
}

/** The query string of a list page: only the named, non-empty filters, in a fixed order (the cache key). */
export function filterQuery(get: (name: string) => string | null | undefined, names: readonly string[]): string {
  return new URLSearchParams(names.flatMap((k) => {
    const v = get(k);
    return v ? [[k, v]] : [];
  })).toString();
}

export const IDEMPOTENCY_FILTERS = ["limit", "status", "tenant", "operation"] as const;
export const SAGA_FILTERS = ["status", "tenant", "workflow"] as const;
