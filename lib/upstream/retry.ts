import type { UpstreamError } from "@/lib/upstream/errors";
import type { Observation } from "@/lib/upstream/types";

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const BACKOFF_MS = [100, 300];
const MAX_RETRY_AFTER_MS = 1_000;
// A retry that could not even get an answer inside what is left of the budget only adds load.
const MIN_USEFUL_ATTEMPT_MS = 50;

export interface RetryQuestion {
  /** 0 for the first attempt. */
  attempt: number;
  obs: Observation | null;
  failure: UpstreamError | null;
  remainingMs: number;
  random?: () => number;
}

/**
 * How long to wait before retrying a GET, or null for "do not retry". Retries only on a network failure
 * (unreachable) or 429/502/503/504, with exponential backoff and jitter, a Retry-After of at most 1 s
 * honoured (a longer one is respected by not retrying), never past the call's time budget.
 */
export function retryDelayMs(q: RetryQuestion): number | null {
  const random = q.random ?? Math.random;
  let delay = (BACKOFF_MS[q.attempt] ?? BACKOFF_MS[BACKOFF_MS.length - 1] ?? 300) * (1 + random() * 0.3);
  if (q.failure) {
    if (q.failure.kind !== "unreachable") return null;
  } else if (q.obs) {
    if (!RETRYABLE_STATUSES.has(q.obs.status)) return null;
    const retryAfter = parseRetryAfterMs(q.obs.headers["retry-after"]);
    if (retryAfter !== null) {
      if (retryAfter > MAX_RETRY_AFTER_MS) return null;
      delay = Math.max(delay, retryAfter);
    }
  } else {
    return null;
  }
  delay = Math.round(delay);
  return q.remainingMs - delay >= MIN_USEFUL_ATTEMPT_MS ? delay : null;
}

/** Delta-seconds Retry-After in ms; HTTP-dates and junk give null (treated as "no advice"). */
export function parseRetryAfterMs(value: string | undefined): number | null {
  if (value === undefined || !/^\s*\d{1,6}(?:\.\d+)?\s*$/.test(value)) return null;
  return Math.round(Number(value) * 1000);
}
