"use client";

import { useEffect, useState } from "react";
import { formatExpiry, parseIsoMs } from "@/lib/domain/time";

/** The TTL counting down each second, or "expired … ago". */
export function TtlCountdown({ expiresAt, fallback }: { expiresAt: string | null; fallback: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const exp = parseIsoMs(expiresAt);
  if (exp === null) return <span>{fallback}</span>;
  if (exp <= now) return <b className="text-[var(--warn)]" data-testid="ttl">{formatExpiry(exp, now)}</b>;
  return (
    <span className="tabular" data-testid="ttl">
      {formatExpiry(exp, now)}
    </span>
  );
}
