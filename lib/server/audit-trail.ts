import "server-only";
import { CAPABILITIES } from "@/lib/auth/roles";
import { auditAs, authorize, parseInput } from "@/lib/server/access";
import { auditFilterSchema, auditListSchema } from "@/lib/server/audit-input";
import { getStore } from "@/lib/server/store";
import type { AuditRecord } from "@/lib/store";

type RawQuery = Record<string, string | undefined>;

/** Newest first; pass the previous page's `nextCursor` as `before` to page back in time. */
export async function listAudit(input: RawQuery) {
  await authorize(CAPABILITIES.readAudit);
  const { actor, action, from, to, before, limit } = parseInput(auditListSchema, input, "query");
  const store = await getStore();
  return store.audit.list({ actor, action, from, to, before, limit: limit ?? 100 });
}

// Bounded so one click cannot hold the whole trail in memory; the response says when it stopped early.
const MAX_ROWS = 100_000;
const PAGE = 5_000;

/** The filtered trail as CSV, exactly the rows the page shows for the same filters. */
export async function exportAuditCsv(input: RawQuery): Promise<{ csv: string; rows: number; truncated: boolean }> {
  const user = await authorize(CAPABILITIES.export);
  const filters = parseInput(auditFilterSchema, input, "query");
  const store = await getStore();
  const rows: AuditRecord[] = [];
  let before: number | undefined;
  let truncated = false;
  try {
    for (;;) {
      const page = await store.audit.list({ ...filters, limit: PAGE, before });
      rows.push(...page.rows);
      if (page.nextCursor === null) break;
      if (rows.length >= MAX_ROWS) {
        truncated = true;
        break;
      }
      before = page.nextCursor;
    }
  } catch (err) {
    await auditAs(user, { action: "audit.export", details: { filters }, outcome: "error" });
    throw err;
  }
  await auditAs(user, { action: "audit.export", details: { filters, rows: rows.length, truncated } });
  return { csv: store.audit.toCsv(rows), rows: rows.length, truncated };
}
