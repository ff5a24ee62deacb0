import type { AuditRecord } from "./audit-repo";

const COLUMNS = ["id", "at", "actor", "role", "action", "target", "outcome", "ip", "details"] as const;

// Spreadsheets execute cells starting with these (OWASP "CSV injection"); a leading quote makes them text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV (CRLF line ends) with a header row, safe to open in a spreadsheet. */
export function auditToCsv(rows: readonly AuditRecord[]): string {
  const lines = [COLUMNS.join(",")];
  for (const row of rows) {
    lines.push(
      [row.id, row.at, row.actor, row.role, row.action, row.target, row.outcome, row.ip,
        row.details === null ? null : JSON.stringify(row.details)]
        .map(csvCell)
        .join(","),
    );
  }
  return lines.join("\r\n") + "\r\n";
}
