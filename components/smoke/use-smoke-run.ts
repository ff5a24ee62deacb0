"use client";

import { useCallback, useState } from "react";
import { streamSmoke, type SmokeStreamEvent } from "@/components/smoke/stream-smoke";
import type { CheckResult, Verdict } from "@/lib/smoke/types";

export type SmokeDone = Extract<SmokeStreamEvent, { type: "done" }>;

export function countVerdicts(results: CheckResult[]): Record<Verdict, number> {
  const c: Record<Verdict, number> = { pass: 0, warn: 0, fail: 0, error: 0 };
  for (const r of results) c[r.verdict] += 1;
  return c;
}

/** One streamed smoke run: results arrive as each check finishes; the finished run is saved by the server. */
export function useSmokeRun(onDone?: (done: SmokeDone) => void) {
  const [running, setRunning] = useState(false);
  const [results, setResults] = useState<CheckResult[]>([]);
  const [done, setDone] = useState<SmokeDone | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(
    async (includeIsolation = false) => {
      setRunning(true);
      setResults([]);
      setDone(null);
      setError(null);
      try {
        await streamSmoke(includeIsolation, (e) => {
          if (e.type === "result") setResults((prev) => [...prev, e.result]);
          else if (e.type === "done") {
            setDone(e);
            onDone?.(e);
          } else setError(e.error.message);
        });
      } catch (err) {
        setError((err as Error).message);
      } finally {
        setRunning(false);
      }
    },
    [onDone],
  );

  const reset = useCallback(() => {
    setResults([]);
    setDone(null);
  }, []);

  return { running, results, done, error, run, reset };
}
