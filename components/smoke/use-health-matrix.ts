"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/query/fetch-json";
import type { HealthMatrix } from "@/lib/smoke/types";

/** The health matrix, refreshed every 15 s; the server coalesces, so every open page costs one round of probes. */
export function useHealthMatrix() {
  return useQuery({
    queryKey: ["health-matrix"],
    queryFn: () => fetchJson<HealthMatrix & { fetchedAt: number }>("/api/health/matrix"),
    refetchInterval: 15_000,
  });
}
