import { route } from "@/lib/http/route";
import { getAlertRulesReport } from "@/lib/server/alert-rules";

// Every alerting rule with its verdicts, fix and back-test (/slo/alerts).
export const GET = route<Record<string, never>, Record<string, string>>({ role: "viewer" }, ({ query }) => getAlertRulesReport(query));
