import { auditFilterSchema } from "@/app/api/audit/audit-query";
import { CAPABILITIES } from "@/lib/auth/roles";
import { route } from "@/lib/http/route";
import { getStore } from "@/lib/server/store";
import type { AuditRecord } from "@/lib/store";

// Bounded so one click cannot hold the whole trail in memory; the response says when it stopped early.
const MAX_ROWS = 100_000;
const PAGE = 5_000;

export const GET = route({ role: CAPABILITIES.export, query: auditFilterSchema }, async ({ query, audit }) => {
  const store = await getStore();
  const rows: AuditRecord[] = [];
  let before: number | undefined;
  let truncated = false;
  try {
    for (;;) {
      const page = await store.audit.list({ ...query, limit: PAGE, before });
      rows.push(...page.rows);
      if (page.nextCursor === null) break;
      if (rows.length >= MAX_ROWS) {
        truncated = true;
        break;
      }
      before = page.nextCursor;
    }
  } catch (err) {
    await audit("audit.export", undefined, { filters: query }, "error");
    throw err;
  }
  await audit("audit.export", undefined, { filters: query, rows: rows.length, truncated });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const headers: Record<string, string> = {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="audit-${stamp}.csv"`,
  };
  if (truncated) headers["X-Export-Truncated"] = `first ${rows.length} rows only; narrow the time range`;
  return new Response(store.audit.toCsv(rows), { headers });
});
