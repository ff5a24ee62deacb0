"use client";

import { useEffect, useState } from "react";

/** The current time, re-read every `everyMs`, so "N s ago" texts keep counting between refreshes. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
