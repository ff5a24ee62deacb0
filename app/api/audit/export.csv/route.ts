import { CAPABILITIES } from "@/lib/auth/roles";
import { route } from "@/lib/http/route";
import { exportAuditCsv } from "@/lib/server/audit-trail";

export const GET = route<Record<string, never>, Record<string, string>>({ role: CAPABILITIES.export }, async ({ query }) => {
  const { csv, rows, truncated } = await exportAuditCsv(query);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const headers: Record<string, string> = {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="audit-${stamp}.csv"`,
  };
  if (truncated) headers["X-Export-Truncated"] = `first ${rows} rows only; narrow the time range`;
  return new Response(csv, { headers });
});
