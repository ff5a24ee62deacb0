import { VerdictBadge } from "@/components/status/verdict-badge";
import { HEALTH_KINDS, type HealthMatrix } from "@/lib/smoke/types";

const SURFACE_NAMES: Record<string, string> = { mgmt: "Management API", admin: "Admin portal", reseller: "Reseller portal", tenant: "Tenant portal" };

export function HealthMatrixTable({ matrix, compact = false }: { matrix: HealthMatrix; compact?: boolean }) {
  return (
    <table className="w-full text-sm" aria-label="Health matrix">
      <thead>
        <tr className="muted text-left text-xs">
          <th className="py-1 pr-3">surface</th>
          {HEALTH_KINDS.map((k) => (
            <th key={k} className="py-1 pr-3">
              {k === "health" ? "health" : k === "live" ? "liveness" : k === "ready" ? "readiness" : "startup"}
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
            {HEALTH_KINDS.map((k) => {
              const cell = row.cells[k];
              if (!cell) return <td key={k} className="muted py-2 pr-3 text-xs">not offered</td>;
              return (
                <td key={k} className="py-2 pr-3" data-cell={`${row.surface}.${k}`}>
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
  );
}
