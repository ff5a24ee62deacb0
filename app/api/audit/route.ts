import { CAPABILITIES } from "@/lib/auth/roles";
import { route } from "@/lib/http/route";
import { listAudit } from "@/lib/server/audit-trail";

export const GET = route<Record<string, never>, Record<string, string>>({ role: CAPABILITIES.readAudit }, ({ query }) => listAudit(query));
