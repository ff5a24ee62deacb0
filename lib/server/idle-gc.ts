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

/**
 * After a burst (a room of engineers polling, a soak), V8 keeps the heap it grew to: RSS stayed at 3–4× its
 * resting size with nothing to do. When the server has been idle for a check interval and the heap grew since
 * the last collection, one compacting full GC hands the memory back to the OS. It never runs under load.
 */
export function startIdleGc(): () => void {
  type Gc = (options?: { type?: "major"; execution?: "sync"; flavor?: "regular" | "last-resort" }) => void;
  let gc: Gc | undefined;
  try {
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as Gc;
  } catch (err) {
    console.warn(`[memory] no idle collection: ${(err as Error).message}`);
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
    // "last-resort" compacts and releases pages; a regular full GC left heapTotal (and RSS) at its peak.
    gc?.({ type: "major", execution: "sync", flavor: "last-resort" });
    const after = process.memoryUsage();
    resting = after.heapTotal;
    console.warn(`[memory] idle: heap ${mb(before.heapTotal)} → ${mb(after.heapTotal)} MB, resident ${mb(before.rss)} → ${mb(after.rss)} MB`);
  }, CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
