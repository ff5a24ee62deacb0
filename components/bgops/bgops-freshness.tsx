"use client";

import type { SourceMeta } from "@/components/bgops/api-types";
import { FallbackNote, sourceText } from "@/components/bgops/source-note";
import { Freshness } from "@/components/status/freshness";
import { failureText } from "@/lib/query/failure-text";
import type { Failure } from "@/lib/query/use-failure";

/**
 * Where a bgops answer came from, how old it is, and, when the last refresh failed, why in the words of the
 * error panel (the §2.5 signature): every bgops page shows its source and staleness through this one component.
 */
export function BgopsFreshness({ data, fetching, failure, everyMs, fallbackNote = true }: { data: SourceMeta; fetching: boolean; failure: Failure | null; everyMs: number | false; fallbackNote?: boolean }) {
  return (
    <>
      <Freshness updatedAt={data.fetchedAt} source={sourceText(data.via, data.fallbackReason)} fetching={fetching} refreshError={failure ? failureText(failure.error) : null} failure={failure} everyMs={everyMs} />
      {fallbackNote && <FallbackNote via={data.via} fallbackReason={data.fallbackReason} signature={data.signature} />}
    </>
  );
}
