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
}

const holder = globalThis as { __dotmacConsole?: ProcessState };
export const processState: ProcessState = (holder.__dotmacConsole ??= {});
