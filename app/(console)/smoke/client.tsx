"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { CheckRow } from "@/components/smoke/check-row";
import { countVerdicts, useSmokeRun, type SmokeDone } from "@/components/smoke/use-smoke-run";
import { VerdictBadge } from "@/components/status/verdict-badge";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Spinner } from "@/components/ui/spinner";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";
import type { CheckResult } from "@/lib/smoke/types";
import type { SmokeRun, SmokeRunSummary } from "@/lib/store";


export function SmokeClient({ canRun }: { canRun: boolean }) {
  const router = useRouter();
  const search = useSearchParams();
  const queryClient = useQueryClient();
  const selectedId = search.get("id");
  const [isolation, setIsolation] = useState(false);
  const onDone = useCallback((e: SmokeDone) => router.replace(`/smoke?id=${e.run.id}`, { scroll: false }), [router]);
  const { running, results: live, done, error, run: start, reset } = useSmokeRun(onDone);
  const autoRan = useRef(false);

  const runs = useQuery({ queryKey: queryKeys.smokeRuns(), queryFn: () => fetchJson<{ runs: SmokeRunSummary[] }>("/api/smoke/runs?limit=20") });
  const selected = useQuery({
    queryKey: ["smoke-run", selectedId],
    queryFn: () => fetchJson<{ run: SmokeRun; comparison: SmokeDone["comparison"] }>(`/api/smoke/runs/${encodeURIComponent(selectedId!)}`),
    enabled: Boolean(selectedId) && !running,
  });

  const run = useCallback(async () => {
    await start(isolation);
    void queryClient.invalidateQueries({ queryKey: queryKeys.smokeRuns() });
  }, [isolation, queryClient, start]);

  useEffect(() => {
    if (search.get("autorun") === "1" && canRun && !autoRan.current) {
      autoRan.current = true;
      void run();
    }
  }, [search, canRun, run]);

  const showingLive = running || done !== null || live.length > 0;
  const results = showingLive ? live : ((selected.data?.run.results ?? []) as unknown as CheckResult[]);
  const comparison = showingLive ? done?.comparison : selected.data?.comparison;
  const c = countVerdicts(results);

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Smoke test</h1>
        <button
          type="button"
          onClick={run}
          disabled={!canRun || running}
          title={canRun ? "Run every check now" : "Running checks needs the responder role"}
          className="rounded bg-[var(--accent)] px-3 py-1.5 font-medium text-white disabled:opacity-50"
        >
          {running ? "Running…" : "Run smoke test"}
        </button>
        <label className="flex items-center gap-1 text-sm">
          <input type="checkbox" checked={isolation} onChange={(e) => setIsolation(e.target.checked)} /> include isolation checks (§4)
        </label>
        {!canRun && <span className="muted text-sm">Viewers can read past runs; running needs the responder role.</span>}
      </div>
      <p className="muted text-sm">
        Runbook §1 (smoke test), §2 (health), §3 (auth path, clock skew), §5 (bgops) and §6 (/metrics), judged on what the platform actually answers. The same checks run in a terminal: <code>npm run smoke</code>.
      </p>
      {error && <ErrorPanel title="The smoke run did not finish" message={error} hint="Results that arrived are shown below; run it again." />}
      {results.length > 0 && (
        <section className="panel p-4" aria-label="Smoke results">
          <div className="mb-2 flex flex-wrap items-center gap-2 text-sm" role="status">
            {running && <Spinner label={`${results.length} checks done…`} />}
            {(["pass", "warn", "fail", "error"] as const).map((v) => (
              // A zero count is neutral: a red "0 fail" reads as a failure at a glance.
              <VerdictBadge key={v} tone={c[v] > 0 ? v : "neutral"} label={`${c[v]} ${v}`} />
            ))}
            {comparison?.headline && <span className="font-medium text-[var(--bad)]">{comparison.headline}</span>}
            {comparison && !comparison.headline && comparison.baseline && (
              <span className="muted">nothing new since {comparison.baseline === "last green" ? "the last green run" : "the previous run (none green yet)"}</span>
            )}
          </div>
          <ul>
            {[...results]
              .sort((a, b) => rank(a.verdict) - rank(b.verdict))
              .map((r) => (
                <CheckRow key={r.id} result={r} />
              ))}
          </ul>
        </section>
      )}
      {selected.isError && <ErrorPanel title="Could not load that run" message={(selected.error as Error).message} />}
      <section className="panel p-4" aria-label="Past runs">
        <h2 className="mb-2 font-medium">Past runs</h2>
        {runs.isPending && <Spinner />}
        {runs.isError && <ErrorPanel title="Could not list past runs" message={(runs.error as Error).message} />}
        {runs.data?.runs.length === 0 && <p className="muted text-sm">No run yet.</p>}
        <ul className="text-sm">
          {runs.data?.runs.map((r) => (
            <li key={r.id} className="flex gap-3 py-0.5">
              <Link href={`/smoke?id=${r.id}`} className="text-[var(--accent)] underline" onClick={reset}>
                {new Date(r.startedAt).toISOString().replace("T", " ").slice(0, 19)} UTC
              </Link>
              <VerdictBadge tone={r.green ? "pass" : "fail"} label={r.green ? "green" : "red"} />
              <span className="muted">
                {r.summary.ok} pass · {r.summary.warn} warn · {r.summary.fail} fail · {r.summary.error} error — {r.actor} on {r.platform}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function rank(v: string) {
  return { error: 0, fail: 1, warn: 2, pass: 3 }[v] ?? 4;
}
