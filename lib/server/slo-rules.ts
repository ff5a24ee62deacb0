import "server-only";
import { sloRulesYaml } from "@/lib/alerts/slo-rules";
import { ApiError } from "@/lib/http/errors";
import { authorize } from "@/lib/server/access";
import { getSloDefinitions } from "@/lib/server/slo";

/** The rule file for the active SLO definitions, linking back to this console (NEXTAUTH_URL). */
export async function sloRulesForConsole(): Promise<string> {
  await authorize("viewer");
  const d = await getSloDefinitions();
  if (!d.ok) throw new ApiError("not_configured", `The SLO definitions are invalid, so no rules can be generated: ${d.message}`);
  return sloRulesYaml(d.definitions, { consoleUrl: process.env.NEXTAUTH_URL || undefined });
}
