import type { CheckDef, Judgement } from "@/lib/smoke/context";
import { jsonObject, recognizeSignature, str, unexpected } from "@/lib/smoke/observe";

/**
 * CONTRACT §6: a refresh without a cookie proves the auth path is alive without holding a token;
 * only the exact 401 body counts, anything else is named.
 */
function refreshCheck(portal: "admin" | "reseller"): CheckDef {
  const expectedError = "No refresh token found";
  return {
    id: `${portal}.auth-refresh`,
    surface: portal,
    title: `${portal === "admin" ? "Admin" : "Reseller"} refresh route`,
    runbookSection: "§3",
    async run(ctx): Promise<Judgement> {
      const headers: Record<string, string> = portal === "reseller" ? { "X-Requested-With": "XMLHttpRequest" } : {};
      const obs = await ctx.probe(portal, "/api/auth/refresh", { method: "POST", headers });
      const body = jsonObject(obs);
      const error = str(body?.error);
      if (obs.status === 401 && error === expectedError) {
        if (portal === "reseller" && body?.requires_login !== true) {
          return { verdict: "warn", summary: `401 ${expectedError}, but requires_login is ${JSON.stringify(body?.requires_login ?? null)}` };
        }
        return { verdict: "pass", summary: `401 "${expectedError}" without a cookie: auth path alive` };
      }
      const sig = recognizeSignature(obs);
      if (sig) return sig;
      if (portal === "reseller" && obs.status === 403 && error === "Invalid request") {
        return { verdict: "fail", summary: "403 Invalid request: X-Requested-With did not arrive (a proxy stripping it?)" };
      }
      if (obs.status === 401) return { verdict: "warn", summary: body ? `401 with an unexpected body: ${unexpected(obs, 80)}` : unexpected(obs, 80) };
      if (obs.status === 200) return { verdict: "warn", summary: "200 without a cookie: refresh should have been refused" };
      return { verdict: "fail", summary: unexpected(obs) };
    },
  };
}

export const authRefreshChecks: CheckDef[] = [refreshCheck("admin"), refreshCheck("reseller")];
