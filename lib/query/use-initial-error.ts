"use client";

import { useEffect, useState } from "react";
import { reviveApiError, type SerializedApiError } from "@/lib/query/initial-error";
import { isPermanentError } from "@/lib/query/poll";

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
    const t = setTimeout(() => setDue(true), Math.max(0, initialError.at + everyMs - Date.now()));
    return () => clearTimeout(t);
  }, [due, permanent, initialError, everyMs]);
  return !permanent && due;
}
