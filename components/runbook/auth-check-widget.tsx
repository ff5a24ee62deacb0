"use client";

import { useMutation } from "@tanstack/react-query";
import { EvidenceButton } from "@/components/runbook/evidence-button";
import type { EvidenceSink } from "@/components/runbook/view-types";
import { CheckRow } from "@/components/smoke/check-row";
import { postJson } from "@/lib/query/fetch-json";
import type { CheckResult } from "@/lib/smoke/types";

/** Runbook §3: the refresh routes and clock skew, the smoke test's auth-path checks on their own. */
export function AuthCheckWidget({ canRun, onEvidence }: { canRun: boolean; onEvidence?: EvidenceSink }) {
  const run = useMutation({ mutationFn: () => postJson<{ results: CheckResult[]; checkedAt: string }>("/api/runbook/auth-check", {}) });
  const results = run.data?.results ?? [];
  const bad = results.filter((r) => r.verdict === "fail" || r.verdict === "error").length;
  const summary = `${results.length - bad} of ${results.length} auth-path checks without failure`;
  return (
    <div className="flex flex-col gap-1 text-xs">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" onClick={() => run.mutate()} disabled={!canRun || run.isPending} className="rounded bg-[var(--accent)] px-2 py-0.5 font-medium text-white disabled:opacity-50" title={canRun ? undefined : "Needs the responder role"}>
          {run.isPending ? "Checking…" : "Run auth-path checks"}
        </button>
        {run.data && <span role="status">{summary}</span>}
        {run.data && (
          <EvidenceButton
            sink={onEvidence}
            draft={() => ({
              kind: "auth-check",
              title: `Auth path: ${summary}`,
              payload: { check: "auth-check", verdict: bad ? "fail" : "pass", summary, results: results.map((r) => ({ id: r.id, verdict: r.verdict, summary: r.summary })) },
            })}
          />
        )}
      </div>
      {run.isError && <p role="alert" className="text-[var(--bad)]">{(run.error as Error).message}</p>}
      {results.length > 0 && <ul>{results.map((r) => <CheckRow key={r.id} result={r} />)}</ul>}
    </div>
  );
}
