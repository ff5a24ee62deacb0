"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/query/fetch-json";
import { pollEvery } from "@/lib/query/poll";
import { usePollFailure } from "@/lib/query/use-failure";
import { queryKeys } from "@/lib/query/keys";
import type { HealthMatrix } from "@/lib/smoke/types";

export const HEALTH_REFETCH_MS = 15_000;
const KEY = queryKeys.healthMatrix();

/** The health matrix, refreshed every 15 s; the server coalesces, so every open page costs one round of probes. */
export function useHealthMatrix() {
  const query = useQuery({
    queryKey: KEY,
    queryFn: () => fetchJson<HealthMatrix & { fetchedAt: number }>("/api/health/matrix"),
    refetchInterval: pollEvery(HEALTH_REFETCH_MS),
  });
  return { ...query, ...usePollFailure(query, KEY, HEALTH_REFETCH_MS) };
}
