"use client";

import { useMutation } from "@tanstack/react-query";
import { EvidenceButton } from "@/components/runbook/evidence-button";
import type { EvidenceSink } from "@/components/runbook/view-types";
import { CheckRow } from "@/components/smoke/check-row";
import { formatTime } from "@/lib/incidents/format";
import { postJson } from "@/lib/query/fetch-json";
import { RUNBOOK_CHECKS, type RunbookCheckName } from "@/lib/runbook/checks";
import type { CheckResult } from "@/lib/smoke/types";

interface CheckAnswer {
  check: RunbookCheckName;
  results: CheckResult[];
  checkedAt: string;
}

const RANK: Record<string, number> = { error: 0, fail: 1, warn: 2, pass: 3 };

/** One named check of the smoke library, run on the console's server for the step that names it. */
export function CheckWidget({ check, canRun, onEvidence }: { check: RunbookCheckName; canRun: boolean; onEvidence?: EvidenceSink }) {
  const spec = RUNBOOK_CHECKS[check];
  const run = useMutation({ mutationFn: () => postJson<CheckAnswer>("/api/runbook/checks", { check }) });
  const results = run.data?.results ?? [];
  const worst = results.reduce<string>((w, r) => ((RANK[r.verdict] ?? 0) < (RANK[w] ?? 0) ? r.verdict : w), "pass");
  const bad = results.filter((r) => r.verdict === "fail" || r.verdict === "error").length;
  const summary = `${spec.label}: ${results.length - bad} of ${results.length} without failure`;
  return (
    <div className="flex flex-col gap-1 text-xs" data-check={check}>
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          onClick={() => run.mutate()}
          disabled={!canRun || run.isPending}
          className="rounded bg-[var(--accent)] px-2 py-0.5 font-medium text-white disabled:opacity-50"
          title={canRun ? spec.label : `Needs the ${spec.access} role`}
        >
          {run.isPending ? "Checking…" : `Run: ${spec.label}`}
        </button>
        {run.data && (
          <span role="status">
            {results.length - bad} of {results.length} without failure · {formatTime(run.data.checkedAt)}
          </span>
        )}
        {run.data && (
          <EvidenceButton
            sink={onEvidence}
            draft={() => ({
              kind: "check",
              title: summary,
              payload: {
                check,
                verdict: worst,
                summary: results.map((r) => `${r.title}: ${r.verdict} (${r.summary})`).join("; "),
                checkedAt: run.data.checkedAt,
                results: results.map((r) => ({ id: r.id, verdict: r.verdict, summary: r.summary, runbookSection: r.runbookSection, seen: r.seen })),
              },
            })}
          />
        )}
      </div>
      {!canRun && <p className="muted">Running this check needs the {spec.access} role.</p>}
      {run.isError && <p role="alert" className="text-[var(--bad)]">{(run.error as Error).message}</p>}
      {results.length > 0 && <ul>{results.map((r) => <CheckRow key={r.id} result={r} />)}</ul>}
    </div>
  );
}
