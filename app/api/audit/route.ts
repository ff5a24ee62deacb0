import { auditListSchema } from "@/app/api/audit/audit-query";
import { CAPABILITIES } from "@/lib/auth/roles";
import { route } from "@/lib/http/route";
import { getStore } from "@/lib/server/store";

/** Newest first; pass the previous page's `nextCursor` as `before` to page back in time. */
export const GET = route({ role: CAPABILITIES.readAudit, query: auditListSchema }, async ({ query }) => {
  const store = await getStore();
  const { actor, action, from, to, before, limit } = query;
  return store.audit.list({ actor, action, from, to, before, limit: limit ?? 100 });
});
