"use client";

import { useEffect, useState } from "react";
import { initialFailure, reviveApiError, type SerializedApiError } from "@/lib/query/initial-error";
import type { Failure } from "@/lib/query/use-failure";
import { isPermanentError } from "@/lib/query/poll";

/**
 * How long until the first browser request after a server error met at `metAt` (server clock): the rest of the poll
 * interval. The browser's clock may differ from the server's: bounded so that a browser behind waits at most one
 * interval, and one ahead still waits half of one (never a retry stacked at once on the server's).
 */
export function firstRetryDelay(metAt: number, everyMs: number, now: number): number {
  return Math.min(everyMs, Math.max(everyMs / 2, metAt + everyMs - now));
}

/**
 * Whether the page's query may fetch, given the error the server met while rendering it. A final answer
 * (not found, refused) is never asked again; a platform failure is asked again at the next poll, counted from
 * when the server met it — never at once on hydration, which would stack a browser retry on the server's own.
 */
export function useFetchAfterServerError(initialError: SerializedApiError | null | undefined, everyMs: number): boolean {
  const permanent = isPermanentError(reviveApiError(initialError));
  const [due, setDue] = useState(() => !initialError);
  useEffect(() => {
    if (due || permanent || !initialError) return;
    const t = setTimeout(() => setDue(true), firstRetryDelay(initialError.at, everyMs, Date.now()));
    return () => clearTimeout(t);
  }, [due, permanent, initialError, everyMs]);
  // No server error (none met, or the query changed since the page was rendered): fetch as usual.
  return !initialError || (!permanent && due);
}

/**
 * The server's error for a page whose query can change (a list's filters): it applies while the query is the one the
 * page was rendered with. `mayFetch` gates the query; `seed` is the failure to show until the browser's own answer.
 */
export function useServerError(initialError: SerializedApiError | null | undefined, query: string, everyMs: number): { mayFetch: boolean; seed: Failure | null } {
  const [renderedQuery] = useState(query);
  const error = query === renderedQuery ? (initialError ?? null) : null;
  return { mayFetch: useFetchAfterServerError(error, everyMs), seed: initialFailure(error) };
}
