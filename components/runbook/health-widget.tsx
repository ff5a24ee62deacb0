"use client";

import { EvidenceButton } from "@/components/runbook/evidence-button";
import type { EvidenceSink } from "@/components/runbook/view-types";
import { useHealthMatrix } from "@/components/smoke/use-health-matrix";
import { Freshness } from "@/components/status/freshness";
import { KnownFailure } from "@/components/status/retry-line";
import { VerdictBadge } from "@/components/status/verdict-badge";
import { Spinner } from "@/components/ui/spinner";
import type { HealthKind } from "@/lib/smoke/types";

export function kindForPath(path: string): HealthKind {
  if (/\/live\/?$/.test(path)) return "live";
  if (/\/ready\/?$/.test(path)) return "ready";
  if (/\/startup\/?$/.test(path)) return "startup";
  return "health";
}

const RANK: Record<string, number> = { error: 0, fail: 1, warn: 2, pass: 3 };

/** The /health matrix cells for the probes a step names, shared with the /health page's query. */
export function HealthWidget({ paths, onEvidence }: { paths: string[]; onEvidence?: EvidenceSink }) {
  const kinds = [...new Set(paths.map(kindForPath))];
  const matrix = useHealthMatrix();
  const { failure, everyMs } = matrix;
  if (!matrix.data && failure) {
    return (
      <KnownFailure failure={failure} everyMs={everyMs} fetching={matrix.isFetching}>
        <p role="alert" className="text-xs text-[var(--bad)]">Health matrix unavailable: {(failure.error as Error).message}</p>
      </KnownFailure>
    );
  }
  if (!matrix.data) return <Spinner label="Probing health…" />;
  const cells = matrix.data.rows.flatMap((row) => kinds.map((k) => ({ surface: row.surface, kind: k, cell: row.cells[k] }))).filter((c) => c.cell);
  const worst = cells.reduce((w, c) => (RANK[c.cell!.verdict]! < RANK[w]! ? c.cell!.verdict : w), "pass");
  return (
    <div className="flex flex-col gap-1 text-xs" aria-label={`Health: ${kinds.join(", ")}`}>
      <ul className="flex flex-wrap gap-x-4 gap-y-1">
        {cells.map(({ surface, kind, cell }) => (
          <li key={`${surface}.${kind}`} title={cell!.summary} data-cell={`${surface}.${kind}`}>
            <span className="muted">{surface} {kind}</span> <VerdictBadge tone={cell!.verdict} />
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-3">
        <Freshness updatedAt={matrix.data.fetchedAt} source="health endpoints" fetching={matrix.isFetching} refreshError={matrix.isError ? (matrix.error as Error).message : null} failure={failure} everyMs={everyMs} />
        <EvidenceButton
          sink={onEvidence}
          draft={() => ({
            kind: "health",
            title: `Health ${kinds.join("/")}: ${worst}`,
            payload: {
              check: "health",
              verdict: worst,
              summary: cells.map((c) => `${c.surface} ${c.kind}: ${c.cell!.verdict} (${c.cell!.summary})`).join("; "),
              checkedAt: matrix.data.checkedAt,
              cells: cells.map((c) => ({ surface: c.surface, kind: c.kind, verdict: c.cell!.verdict, summary: c.cell!.summary, at: c.cell!.at })),
            },
          })}
        />
      </div>
    </div>
  );
}
