import type { CheckDef, Judgement } from "@/lib/smoke/context";
import { jsonObject, recognizeSignature, str, unexpected } from "@/lib/smoke/observe";
import type { Portal } from "@/lib/smoke/checks/portal-health";

const PORTAL_NAMES: Record<Portal, string> = {
  admin: "management-admin",
  reseller: "management-reseller",
  tenant: "tenant-portal",
};

const show = (v: unknown) => (v === null || v === undefined ? "null" : JSON.stringify(v));

/** CONTRACT §3.1: pass only when the echo equals what was sent, field by field. */
function clientCheck(portal: Portal): CheckDef {
  return {
    id: `${portal}.client-check`,
    surface: portal,
    title: `${portal[0]!.toUpperCase()}${portal.slice(1)} portal client check`,
    runbookSection: "§1",
    async run(ctx): Promise<Judgement> {
      const { tenantSlug, apiVersion } = ctx.client.config;
      const obs = await ctx.probe(portal, "/api/health/client-check", {
        platformHeaders: false,
        headers: { "X-Tenant-ID": tenantSlug, "X-API-Version": apiVersion },
      });
      const sig = recognizeSignature(obs);
      if (sig) return sig;
      const body = jsonObject(obs);
      if (obs.status !== 200 || !body) return { verdict: "fail", summary: unexpected(obs) };
      const problems: string[] = [];
      if (body.ok !== true) problems.push(`ok is ${show(body.ok)}`);
      if (body.tenant !== tenantSlug) problems.push(`tenant echoed ${show(body.tenant)}, sent "${tenantSlug}"`);
      if (body.apiVersion !== apiVersion) problems.push(`apiVersion echoed ${show(body.apiVersion)}, sent "${apiVersion}"`);
      if (problems.length) {
        const hint = body.tenant === null || body.tenant === undefined ? " (a proxy dropping X-Tenant-ID?)" : "";
        return { verdict: "fail", summary: `200 but ${problems.join("; ")}${hint}`, runbookSection: "§4" };
      }
      const echoedPortal = str(body.portal);
      if (echoedPortal && echoedPortal !== PORTAL_NAMES[portal]) {
        return { verdict: "warn", summary: `echo matches, but "${echoedPortal}" answered on the ${portal} URL: check ${portal.toUpperCase()}_BASE_URL` };
      }
      return { verdict: "pass", summary: `echoed tenant "${tenantSlug}", apiVersion "${apiVersion}"` };
    },
  };
}

export const clientChecks: CheckDef[] = [clientCheck("admin"), clientCheck("reseller"), clientCheck("tenant")];
