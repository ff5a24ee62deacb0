"use client";

import { EvidenceButton } from "@/components/runbook/evidence-button";
import type { EvidenceSink } from "@/components/runbook/view-types";
import { CheckRow } from "@/components/smoke/check-row";
import { countVerdicts, useSmokeRun } from "@/components/smoke/use-smoke-run";
import { VerdictBadge } from "@/components/status/verdict-badge";
import { Spinner } from "@/components/ui/spinner";

/** Runbook §1 `make smoke`, run here: results stream in as each check finishes; the run is saved like on /smoke. */
export function SmokeWidget({ canRun, onEvidence }: { canRun: boolean; onEvidence?: EvidenceSink }) {
  const { running, results, done, error, run } = useSmokeRun();
  const c = countVerdicts(results);
  const summary = `${c.pass} pass · ${c.warn} warn · ${c.fail} fail · ${c.error} error`;
  return (
    <div className="flex flex-col gap-2 text-sm" aria-label="Smoke test">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" onClick={() => void run()} disabled={!canRun || running} title={canRun ? undefined : "Running checks needs the responder role"} className="rounded bg-[var(--accent)] px-2 py-1 text-xs font-medium text-white disabled:opacity-50">
          {running ? "Running…" : "Run smoke test"}
        </button>
        {running && <Spinner label={`${results.length} checks done…`} />}
        {results.length > 0 && <span className="text-xs" role="status">{summary}</span>}
        {done?.comparison.headline && <span className="text-xs font-medium text-[var(--bad)]">{done.comparison.headline}</span>}
        {done && (
          <EvidenceButton
            sink={onEvidence}
            draft={() => ({
              kind: "smoke",
              title: `Smoke run ${done.run.id.slice(0, 8)}: ${summary}`,
              payload: {
                check: "smoke",
                runId: done.run.id,
                verdict: done.run.green ? "pass" : "fail",
                summary: done.comparison.headline ? `${summary}; ${done.comparison.headline}` : summary,
                results: results.map((r) => ({ id: r.id, verdict: r.verdict, summary: r.summary })),
              },
            })}
          />
        )}
        {done && <a href={`/smoke?id=${done.run.id}`} className="text-xs text-[var(--accent)] underline">open this run</a>}
        {!canRun && <span className="muted text-xs">Viewers can read past runs on /smoke; running needs the responder role.</span>}
      </div>
      {error && <p role="alert" className="text-xs text-[var(--bad)]">The smoke run did not finish: {error}</p>}
      {results.length > 0 && (
        <details open>
          <summary className="muted cursor-pointer text-xs">
            {done ? <VerdictBadge tone={done.run.green ? "pass" : "fail"} label={done.run.green ? "green" : "red"} /> : null} {results.length} results
          </summary>
          <ul className="mt-1">
            {results.map((r) => <CheckRow key={r.id} result={r} />)}
          </ul>
        </details>
      )}
    </div>
  );
}
