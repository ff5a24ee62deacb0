import { VerdictBadge } from "@/components/status/verdict-badge";
import { MATRIX_KINDS, type HealthMatrix, type MatrixKind } from "@/lib/smoke/types";

const SURFACE_NAMES: Record<string, string> = { mgmt: "Management API", admin: "Admin portal", reseller: "Reseller portal", tenant: "Tenant portal" };
const COLUMN_NAMES: Record<MatrixKind, string> = { health: "health", live: "liveness", ready: "readiness", startup: "startup", bgops: "bgops", metrics: "/metrics" };

export function HealthMatrixTable({ matrix, compact = false }: { matrix: HealthMatrix; compact?: boolean }) {
  // What failed, in words, even where the table only shows badges: the overview names the signature.
  const problems = matrix.rows.flatMap((row) =>
    MATRIX_KINDS.flatMap((k) => {
      const cell = row.cells[k];
      return cell && (cell.verdict === "fail" || cell.verdict === "error") ? [{ key: `${row.surface}.${k}`, where: `${SURFACE_NAMES[row.surface] ?? row.surface} ${COLUMN_NAMES[k]}`, cell }] : [];
    }),
  );
  return (
    <>
      <table className="w-full text-sm" aria-label="Health matrix">
        <thead>
          <tr className="muted text-left text-xs">
            <th className="py-1 pr-3">surface</th>
            {MATRIX_KINDS.map((k) => (
              <th key={k} className="py-1 pr-3">
                {COLUMN_NAMES[k]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((row) => (
            <tr key={row.surface} className="border-t border-[var(--border)] align-top">
              <th scope="row" className="py-2 pr-3 text-left font-medium">
                {SURFACE_NAMES[row.surface] ?? row.surface}
              </th>
              {MATRIX_KINDS.map((k) => {
                const cell = row.cells[k];
                if (!cell) return <td key={k} className="muted py-2 pr-3 text-xs">not offered</td>;
                return (
                  <td key={k} className="py-2 pr-3" data-cell={`${row.surface}.${k}`} data-verdict={cell.verdict} title={compact ? cell.summary : undefined}>
                    <VerdictBadge tone={cell.verdict} />
                    {!compact && <p className="mt-1 text-xs">{cell.summary}</p>}
                    {!compact && <p className="muted text-xs">at {cell.at.slice(11, 19)} UTC</p>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {compact && problems.length > 0 && (
        <ul className="mt-2 flex flex-col gap-1 text-sm" data-testid="health-problems" aria-label="Failing checks">
          {problems.map((p) => (
            <li key={p.key} className="text-[var(--bad)]">
              <b>{p.where}:</b> {p.cell.summary} <span className="muted">(runbook {p.cell.runbookSection})</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
