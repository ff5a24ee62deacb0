"use client";

import type { ReactNode } from "react";
import { useNow } from "@/components/slo/use-now";
import { formatDuration } from "@/lib/domain/time";
import type { Failure } from "@/lib/query/use-failure";

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/** "failing since 01:52:10 UTC (35 s) · retrying in 4 s": how old a known error is and when the console asks again. */
export function RetryLine({ failure, everyMs, fetching }: { failure: Failure; everyMs: number | false; fetching: boolean }) {
  const now = useNow();
  const next = everyMs === false ? null : Math.max(0, Math.ceil((failure.at + everyMs - now) / 1000));
  return (
    <p className="muted text-xs" data-testid="retry-line" aria-live="polite">
      failing since {clock(failure.since)} UTC ({formatDuration(Math.max(0, now - failure.since))}) · last answer {formatDuration(Math.max(0, now - failure.at))} ago ·{" "}
      {fetching ? "retrying now…" : next === null ? "not retrying: this answer will not change by asking again" : `retrying in ${next} s`}
    </p>
  );
}

/** A known failure with its retry line; it stays on screen while the next attempt runs. */
export function KnownFailure({ failure, everyMs, fetching, children }: { failure: Failure; everyMs: number | false; fetching: boolean; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1" data-testid="known-failure">
      {children}
      <RetryLine failure={failure} everyMs={everyMs} fetching={fetching} />
    </div>
  );
}
