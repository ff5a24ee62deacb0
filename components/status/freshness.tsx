"use client";

import { useEffect, useState } from "react";
import type { Failure } from "@/lib/query/use-failure";

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.round(s / 60);
  return m < 60 ? `${m} min ago` : `${Math.round(m / 60)} h ago`;
}

/**
 * "updated N s ago · via X", turning into a stale warning when the last refresh failed:
 * every panel says where its data came from and how old it is.
 */
export function Freshness({
  updatedAt,
  source,
  refreshError,
  fetching,
  failure,
  everyMs,
}: {
  updatedAt: number | undefined;
  source?: string;
  refreshError?: string | null;
  fetching?: boolean;
  /** The current failure streak, for "failing for N s · retrying in N s". */
  failure?: Failure | null;
  everyMs?: number | false;
}) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  if (!updatedAt) return null;
  return (
    <p className="muted flex flex-wrap items-center gap-2 text-xs" aria-live="polite">
      <span>
        updated {ago(now - updatedAt)}
        {source ? ` · via ${source}` : ""}
      </span>
      {fetching && <span aria-label="refreshing">↻</span>}
      {refreshError && (
        <span role="status" className="text-[var(--warn)]">
          stale: showing the answer of {clock(updatedAt)} UTC · last refresh failed ({refreshError})
          {failure && ` · failing for ${ago(now - failure.since).replace(" ago", "")}`}
          {failure && everyMs !== undefined && (fetching ? " · retrying now…" : everyMs === false ? "" : ` · retrying in ${Math.max(0, Math.ceil((failure.at + everyMs - now) / 1000))} s`)}
        </span>
      )}
    </p>
  );
}
