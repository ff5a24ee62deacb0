import { isIncompleteAnswer } from "@/lib/http/errors";
import { ConsoleApiError } from "@/lib/query/fetch-json";

/**
 * Answers that asking again will not change: refused input, not found, forbidden, not configured. A not-found
 * that some source could not be asked about is not one of them: that source may have the record.
 */
export function isPermanentError(error: unknown): boolean {
  if (!(error instanceof ConsoleApiError)) return false;
  if (error.code === "not_configured") return true;
  if (isIncompleteAnswer(error.details)) return false;
  return error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}

/** When the next automatic attempt comes: every `ms`, or never after a permanent error. */
export function retryEvery(ms: number, error: unknown): number | false {
  return isPermanentError(error) ? false : ms;
}

/**
 * A refetchInterval: every `ms` while the answer can still change; never after a permanent error, nor once
 * `done(data)` says the data is final (a terminal saga).
 */
export function pollEvery<T>(ms: number, done?: (data: T) => boolean) {
  return (q: { state: { error: Error | null; data: T | undefined } }): number | false => {
    if (isPermanentError(q.state.error)) return false;
    const data = q.state.data;
    return data !== undefined && done?.(data) ? false : ms;
  };
}
