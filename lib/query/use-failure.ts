"use client";

import { useState } from "react";
import { retryEvery } from "@/lib/query/poll";

/** A query's current failure streak: the latest error, when the streak began and when the latest try ended. */
export interface Failure {
  error: unknown;
  since: number;
  at: number;
}

interface QueryLike {
  error: unknown;
  errorUpdatedAt: number;
  dataUpdatedAt: number;
}

/**
 * The latest error of a query until it succeeds again. TanStack Query clears the error of a query without
 * data as soon as its next refetch starts, which turned a known failure back into "Loading…" every cycle;
 * the page keeps showing what it knows instead. `key` resets the streak when the query changes.
 */
export function useFailure(q: QueryLike, key: readonly unknown[]): Failure | null {
  const id = JSON.stringify(key);
  const [state, setState] = useState<{ id: string; failure: Failure | null }>({ id, failure: null });
  const failure = state.id === id ? state.failure : null;
  // Derived state, set while rendering: guarded so it settles after one extra render.
  if (q.error != null && q.errorUpdatedAt >= q.dataUpdatedAt && q.errorUpdatedAt !== failure?.at) {
    const since = failure && failure.at >= q.dataUpdatedAt ? failure.since : q.errorUpdatedAt;
    const next = { error: q.error, since, at: q.errorUpdatedAt };
    setState({ id, failure: next });
    return next;
  }
  if (failure && q.dataUpdatedAt > failure.at) {
    setState({ id, failure: null });
    return null;
  }
  if (state.id !== id) setState({ id, failure: null });
  return failure;
}

/** useFailure plus when the next automatic attempt comes (never after a permanent error). */
export function usePollFailure(q: QueryLike, key: readonly unknown[], ms: number): { failure: Failure | null; everyMs: number | false } {
  const failure = useFailure(q, key);
  return { failure, everyMs: failure ? retryEvery(ms, failure.error) : false };
}
