"use client";

import { useState } from "react";
import { retryEvery } from "@/lib/query/poll";

/** A query's current failure streak: the latest error, when the streak began and when the latest try ended. */
export interface Failure {
  error: unknown;
  since: number;
  at: number;
}

export interface QueryLike {
  error: unknown;
  errorUpdatedAt: number;
  dataUpdatedAt: number;
}

/**
 * The failure to show after this render, from the one shown before and the query's state. `seed` is the error the
 * server met while rendering the page (see initialFailure): it stands until the browser has an answer of its own, and
 * a browser failure that follows it continues its streak, so "failing since" keeps the time the server first saw it.
 */
export function nextFailure(shown: Failure | null, q: QueryLike, seed: Failure | null = null): Failure | null {
  const prior = shown ?? (seed && q.dataUpdatedAt < seed.at ? seed : null);
  if (q.error != null && q.errorUpdatedAt >= q.dataUpdatedAt && q.errorUpdatedAt !== prior?.at) {
    const since = prior && prior.at >= q.dataUpdatedAt ? prior.since : q.errorUpdatedAt;
    return { error: q.error, since, at: q.errorUpdatedAt };
  }
  if (prior && q.dataUpdatedAt > prior.at) return null;
  return prior;
}

/**
 * The latest error of a query until it succeeds again. TanStack Query clears the error of a query without
 * data as soon as its next refetch starts, which turned a known failure back into "Loading…" every cycle;
 * the page keeps showing what it knows instead. `key` resets the streak when the query changes.
 */
export function useFailure(q: QueryLike, key: readonly unknown[], seed: Failure | null = null): Failure | null {
  const id = JSON.stringify(key);
  const [state, setState] = useState<{ id: string; failure: Failure | null }>({ id, failure: null });
  // The server's error belongs to the query the page was rendered with, not to one the user switched to since.
  const [seededId] = useState(id);
  const current = state.id === id ? state.failure : null;
  const next = nextFailure(current, q, id === seededId ? seed : null);
  // Derived state, set while rendering: guarded so it settles after one extra render.
  if (state.id !== id || next !== current) setState({ id, failure: next });
  return next;
}

/** useFailure plus when the next automatic attempt comes (never after a permanent error). */
export function usePollFailure(q: QueryLike, key: readonly unknown[], ms: number, seed: Failure | null = null): { failure: Failure | null; everyMs: number | false } {
  const failure = useFailure(q, key, seed);
  return { failure, everyMs: failure ? retryEvery(ms, failure.error) : false };
}
