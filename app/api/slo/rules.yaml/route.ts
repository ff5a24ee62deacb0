import { route } from "@/lib/http/route";
import { sloRulesForConsole } from "@/lib/server/slo-rules";

// The rule file an operator loads into Prometheus (rule_files), for the definitions this console judges.
export const GET = route({ role: "viewer" }, async () => {
  const yaml = await sloRulesForConsole();
  return new Response(yaml, {
    headers: { "Content-Type": "application/yaml; charset=utf-8", "Content-Disposition": 'inline; filename="dotmac-slo-rules.yml"' },
  });
});
