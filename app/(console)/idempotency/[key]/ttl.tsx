"use client";

import { useEffect, useState } from "react";
import { formatDuration, parseIsoMs } from "@/lib/domain/time";

/** The TTL counting down each second, or "expired … ago". */
export function TtlCountdown({ expiresAt, fallback }: { expiresAt: string | null; fallback: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const exp = parseIsoMs(expiresAt);
  if (exp === null) return <span>{fallback}</span>;
  const left = exp - now;
  if (left <= 0) return <b className="text-[var(--warn)]">expired {formatDuration(-left)} ago</b>;
  const total = Math.floor(left / 1000);
  const hms = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60].map((n) => String(n).padStart(2, "0")).join(":");
  return (
    <span className="tabular" data-testid="ttl">
      expires in {formatDuration(left)} ({hms})
    </span>
  );
}
