"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { fetchJson } from "@/lib/query/fetch-json";

/** Header badge: how many alerts are firing now, linking to them. Polls every 15 s. */
export function FiringBadge() {
  const q = useQuery({
    queryKey: ["alerts", "firing-count"],
    queryFn: () => fetchJson<{ firing: number }>("/api/alerts?status=firing&limit=1"),
    refetchInterval: 15_000,
  });
  const n = q.data?.firing;
  if (n === undefined) return null;
  return (
    <Link
      href="/alerts?status=firing"
      data-testid="firing-badge"
      title={q.isError ? `Alert count may be stale: ${q.error.message}` : "Alerts firing now"}
      className={`rounded border px-2 py-0.5 text-xs font-medium ${n > 0 ? "border-[var(--bad)]/50 bg-[var(--bad)]/15 text-[var(--bad)]" : "muted border-[var(--border)]"}`}
    >
      {n > 0 ? `${n} alert${n === 1 ? "" : "s"} firing` : "no alerts firing"}
    </Link>
  );
}
