"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DEFAULT_WINDOW, type SloReportJson, type SloWindow } from "@/components/slo/types";
import { fetchJson } from "@/lib/query/fetch-json";
import { pollEvery } from "@/lib/query/poll";
import { usePollFailure } from "@/lib/query/use-failure";
import { queryKeys } from "@/lib/query/keys";

export const SLO_REFETCH_MS = 15_000;

/** One query per window, shared by the SLO page, the overview and the runbook. */
export function useSloReport(window: SloWindow = DEFAULT_WINDOW) {
  const queryKey = queryKeys.sloReport(window);
  const query = useQuery({
    queryKey,
    queryFn: () => fetchJson<SloReportJson>(`/api/slo?window=${window}`),
    refetchInterval: pollEvery(SLO_REFETCH_MS),
    // Switching the window keeps the cards on screen (marked as refreshing) instead of blanking the page.
    placeholderData: keepPreviousData,
  });
  return { ...query, ...usePollFailure(query, queryKey, SLO_REFETCH_MS) };
}
