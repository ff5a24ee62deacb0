"use client";

import { VerdictBadge } from "@/components/status/verdict-badge";
import type { AuditRecord } from "@/lib/store";

const TONE = { ok: "ok", denied: "warn", error: "error" } as const;

function utc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

function FilterButton({ label, title, onClick }: { label: string; title: string; onClick(): void }) {
  return (
    <button type="button" title={title} aria-label={title} className="text-left hover:underline" onClick={onClick}>
      {label}
    </button>
  );
}

/** Newest first, as the store returns them; clicking a user or an action narrows the filter to it. */
export function AuditTable({ rows, onFilter }: { rows: AuditRecord[]; onFilter(key: "actor" | "action", value: string): void }) {
  return (
    <div className="panel overflow-x-auto">
      <table className="w-full text-sm" aria-label="Audit records">
        <thead className="muted text-left text-xs">
          <tr className="border-b border-[var(--border)]">
            <th className="px-3 py-2 font-medium">Time (UTC)</th>
            <th className="px-3 py-2 font-medium">User</th>
            <th className="px-3 py-2 font-medium">Role</th>
            <th className="px-3 py-2 font-medium">Action</th>
            <th className="px-3 py-2 font-medium">Target</th>
            <th className="px-3 py-2 font-medium">Outcome</th>
            <th className="px-3 py-2 font-medium">Address</th>
            <th className="px-3 py-2 font-medium">Details</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const details = r.details ? JSON.stringify(r.details) : "";
            return (
              <tr key={r.id} className="border-b border-[var(--border)] align-top last:border-0">
                <td className="tabular px-3 py-1.5 whitespace-nowrap">
                  <time dateTime={r.at}>{utc(r.at)}</time>
                </td>
                <td className="px-3 py-1.5">
                  <FilterButton label={r.actor} title={`Show only records by ${r.actor}`} onClick={() => onFilter("actor", r.actor)} />
                </td>
                <td className="muted px-3 py-1.5">{r.role}</td>
                <td className="px-3 py-1.5 font-mono text-xs">
                  <FilterButton label={r.action} title={`Show only ${r.action} records`} onClick={() => onFilter("action", r.action)} />
                </td>
                <td className="max-w-48 truncate px-3 py-1.5 font-mono text-xs" title={r.target ?? undefined}>
                  {r.target ?? <span className="muted">—</span>}
                </td>
                <td className="px-3 py-1.5">
                  <VerdictBadge tone={TONE[r.outcome] ?? "neutral"} label={r.outcome} />
                </td>
                <td className="muted px-3 py-1.5 font-mono text-xs">{r.ip ?? "—"}</td>
                <td className="max-w-80 truncate px-3 py-1.5 font-mono text-xs" title={details || undefined}>
                  {details || <span className="muted">—</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
