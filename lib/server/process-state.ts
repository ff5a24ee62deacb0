import "server-only";

/**
 * State shared by the whole server process. Next bundles route handlers and pages as separate module graphs,
 * so a plain module-level `let` would exist twice: two SQLite connections, two coalescers, two caches.
 */
export interface ProcessState {
  store?: Promise<import("@/lib/store").Store>;
  platformClient?: import("@/lib/upstream/types").PlatformClient;
  coalescer?: import("@/lib/upstream/coalesce").Coalescer;
  bgops?: import("@/lib/bgops/service").BgopsService;
  /** Who looked at what in the last ten minutes (one audit record per look-up, not per poll). Bounded. */
  lookupAudits?: import("@/lib/server/ttl-map").TtlMap<true>;
  /** Decoded session tokens, reused for a minute. Bounded. */
  decodedSessions?: import("@/lib/server/ttl-map").TtlMap<unknown>;
  /** Keys this console listed recently, so an API 404 for one of them reads "expired". Bounded. */
  recentKeys?: import("@/lib/bgops/recent-keys").RecentKeys;
  /** When each (user, method, path) refusal was last audited, to keep a retry loop from flooding the trail. */
  auditedRefusals?: Map<string, number>;
}

const holder = globalThis as { __dotmacConsole?: ProcessState };
export const processState: ProcessState = (holder.__dotmacConsole ??= {});
