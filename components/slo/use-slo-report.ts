"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DEFAULT_WINDOW, type SloReportJson, type SloWindow } from "@/components/slo/types";
import { fetchJson } from "@/lib/query/fetch-json";

export const SLO_REFETCH_MS = 15_000;

/** One query per window, shared by the SLO page, the overview and the runbook. */
export function useSloReport(window: SloWindow = DEFAULT_WINDOW) {
  return useQuery({
    queryKey: ["slo", window],
    queryFn: () => fetchJson<SloReportJson>(`/api/slo?window=${window}`),
    refetchInterval: SLO_REFETCH_MS,
    // Switching the window keeps the cards on screen (marked as refreshing) instead of blanking the page.
    placeholderData: keepPreviousData,
  });
}
