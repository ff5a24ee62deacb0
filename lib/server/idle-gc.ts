import "server-only";
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

const CHECK_MS = 5_000;
/** Below this share of busy event-loop time over the last check, the server counts as idle. */
const IDLE_UTILISATION = 0.05;
/** Only worth a collection when the heap grew this much since the last one. */
const GROWTH_BYTES = 32 * 1024 * 1024;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

export type CompactingGc = () => void;

/**
 * A full, compacting collection, or null when this runtime refuses to expose one.
 *
 * Two traps, both measured on Node 20: gc() called with an options object ({ type: "major", … }) runs a young-generation
 * collection only, so it left a soak's 200 MB of garbage in place; and a plain full gc() frees objects but leaves
 * their pages fragmented (one live object in twenty kept a 270 MB heap committed). Compaction is switched on for this
 * one collection only, so collections under load keep V8's own cheaper policy.
 */
export function compactingGc(): CompactingGc | null {
  let gc: () => void;
  try {
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as () => void;
  } catch {
    return null;
  }
  if (typeof gc !== "function") return null;
  return () => {
    setFlagsFromString("--compact-on-every-full-gc");
    try {
      gc();
    } finally {
      setFlagsFromString("--no-compact-on-every-full-gc");
    }
  };
}

/**
 * After a burst (a room of engineers polling, a soak), V8 keeps the heap it grew to: RSS stayed at 3–4× its
 * resting size with nothing to do. When the server has been idle for a check interval and the heap grew since
 * the last collection, one compacting full GC hands the memory back to the OS. It never runs under load.
 */
export function startIdleGc(): () => void {
  const gc = compactingGc();
  if (!gc) {
    console.warn("[memory] no idle collection: this runtime does not expose gc()");
    return () => undefined;
  }
  let last = performance.eventLoopUtilization();
  // The committed heap after the last idle collection: RSS follows it, not the heap in use.
  let resting = process.memoryUsage().heapTotal;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    if (busy >= IDLE_UTILISATION) return;
    const before = process.memoryUsage();
    if (before.heapTotal - resting < GROWTH_BYTES) return;
    const started = performance.now();
    gc();
    const pauseMs = Math.round(performance.now() - started);
    const after = process.memoryUsage();
    resting = after.heapTotal;
    // RSS drops a moment later, when V8's background unmapper returns the freed pages.
    console.warn(`[memory] idle: heap ${mb(before.heapTotal)} → ${mb(after.heapTotal)} MB committed (${mb(after.heapUsed)} MB in use), ${pauseMs} ms pause`);
  }, CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
