/**
 * Query keys shared by the server (prefetch into the dehydrated cache) and the client hooks: one definition,
 * so a page's first data is found by the hook that refreshes it.
 */
export const queryKeys = {
  saga: (id: string, via: string | null | undefined) => ["saga", id, via ?? "auto"] as const,
  idempotencyKey: (key: string, via: string | null | undefined, from: string | null | undefined) => ["idempotency-key", key, via ?? "auto", from ?? null] as const,
  healthMatrix: () => ["health-matrix"] as const,
  sloReport: (window: string) => ["slo", window] as const,
  smokeRuns: () => ["smoke-runs"] as const,
  openIncidents: () => ["incidents", "open"] as const,
};

/** The `via` of a URL: a known source or nothing (anything else is ignored, as the API would refuse it). */
export function viaParam(v: string | string[] | null | undefined): "api" | "redis" | null {
  return v === "api" || v === "redis" ? v : null;
}
