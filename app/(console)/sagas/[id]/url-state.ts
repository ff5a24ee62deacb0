"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";

/** The saga view's URL state (source, filters, time zone): a link pasted into the incident channel opens the same view. */
export function useSagaUrlState() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const viaParam = params.get("via");
  const via: "api" | "redis" | undefined = viaParam === "redis" ? "redis" : viaParam === "api" ? "api" : undefined;
  const set = useCallback(
    (updates: Record<string, string | null>) => {
      const next = new URLSearchParams(params.toString());
      for (const [k, v] of Object.entries(updates)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      const qs = next.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );
  return { via, local: params.get("tz") === "local", step: params.get("step") ?? "", status: params.get("status") ?? "", set };
}
