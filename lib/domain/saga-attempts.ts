import type { BarSegment } from "@/lib/domain/saga-bars";

/** The platform's retry backoff after failed attempt `a` (0-based): min(2^a, 60) s (CONTRACT §2.2). */
export const backoffMs = (a: number) => Math.min(2 ** a, 60) * 1000;

/**
 * One segment per attempt of a step that ran from `start` to `end` with `retries` failed attempts before
 * the last. History records only the last attempt, so the boundaries are estimated: the backoff waits are
 * the platform's, the rest is split evenly between the attempts. When the span is shorter than the waits
 * (clock skew, another executor), the attempts split it evenly with no gaps.
 */
export function attemptSpans(
  start: number,
  end: number,
  retries: number,
  outcome: "completed" | "failed" | "running" | "timeout" | "compensated" | "compensation-failed" | "mixed",
): { segments: BarSegment[]; estimated: boolean } {
  const last: BarSegment["outcome"] = outcome === "failed" || outcome === "timeout" ? "failed" : outcome === "running" ? "running" : "ok";
  if (retries <= 0) return { segments: [{ startMs: start, endMs: end, attempt: null, outcome: last }], estimated: false };
  const n = retries + 1;
  const waits = Array.from({ length: retries }, (_, a) => backoffMs(a));
  const waiting = waits.reduce((s, w) => s + w, 0);
  const span = end - start;
  const gaps = span >= waiting ? waits : waits.map(() => 0);
  const run = (span - gaps.reduce((s, w) => s + w, 0)) / n;
  const segments: BarSegment[] = [];
  let t = start;
  for (let a = 0; a < n; a++) {
    const segEnd = a === n - 1 ? end : t + run;
    segments.push({ startMs: t, endMs: segEnd, attempt: a + 1, outcome: a === n - 1 ? last : "retried" });
    t = segEnd + (gaps[a] ?? 0);
  }
  return { segments, estimated: true };
}
