import { z } from "zod";
import { route } from "@/lib/http/route";
import { ALERT_RULE_WINDOW_NAMES, getAlertRulesReport } from "@/lib/server/alert-rules";

const query = z.object({ window: z.enum(ALERT_RULE_WINDOW_NAMES).default("1h") });

// Every alerting rule with its verdicts, fix and back-test (/slo/alerts).
export const GET = route({ role: "viewer", query }, async ({ query }) => getAlertRulesReport(query.window));
