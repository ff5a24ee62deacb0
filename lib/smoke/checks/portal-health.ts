import type { Observation, Surface } from "@/lib/upstream/types";
import type { CheckContext, CheckDef, Judgement } from "@/lib/smoke/context";
import { checksNothing, isRedirect, jsonObject, recognizeSignature, str, unexpected } from "@/lib/smoke/observe";
import { redirectLine } from "@/lib/smoke/redirect";
import { mediaTypeOf } from "@/lib/upstream/errors";

type Portal = Exclude<Surface, "mgmt">;

function badChecks(body: Record<string, unknown> | undefined): { names: string[]; bad: string[] } | undefined {
  const checks = body?.checks;
  if (!checks || typeof checks !== "object" || Array.isArray(checks)) return undefined;
  const entries = Object.entries(checks as Record<string, unknown>);
  return { names: entries.map(([k]) => k), bad: entries.filter(([, v]) => str(v) !== "healthy").map(([k, v]) => `${k} ${str(v) ?? "unknown"}`) };
}

function judgeApiHealth(obs: Observation): Judgement | undefined {
  const body = jsonObject(obs);
  const status = str(body?.status);
  const checks = badChecks(body);
  const detail = checks?.bad.length ? ` (${checks.bad.join(", ")})` : "";
  if (obs.status === 200 && status === "healthy") {
    if (checks?.bad.length) return { verdict: "warn", summary: `200 healthy, but ${checks.bad.join(", ")}` };
    // The tenant portal's checks are hard-coded: they say nothing about its database or cache.
    if (checks) return checksNothing("200 healthy", `checks ${checks.names.join(", ")} are placeholders`);
    return { verdict: "pass", summary: "200 healthy" };
  }
  if (obs.status === 503 || (status === "unhealthy" && obs.status >= 400)) {
    const error = str(body?.error);
    return { verdict: "fail", summary: `${obs.status} ${status ?? "unhealthy"}${error ? `: ${error}` : ""}${detail}` };
  }
  if (obs.status === 200 && !body) return { verdict: "fail", summary: unexpected(obs) };
  if (obs.status === 200 && status === "degraded") return { verdict: "warn", summary: `200 degraded${detail}` };
  if (obs.status === 200) return { verdict: status === "unhealthy" ? "fail" : "warn", summary: `200 but status ${status ?? "missing"}${detail}` };
  if (isRedirect(obs)) return { verdict: "fail", summary: `${redirectLine(obs)} (not followed)` };
  return recognizeSignature(obs);
}

function apiHealthCheck(portal: "admin" | "tenant"): CheckDef {
  return {
    id: `${portal}.api-health`,
    surface: portal,
    title: `${portal === "admin" ? "Admin" : "Tenant"} portal /api/health`,
    runbookSection: "§2",
    health: "health",
    async run(ctx) {
      const obs = await ctx.probe(portal, "/api/health");
      return judgeApiHealth(obs) ?? { verdict: "fail", summary: unexpected(obs) };
    },
  };
}

/** The reseller portal has no /api/health; Nginx's own /health is the only answer, and it is not the app's. */
async function resellerHealth(ctx: CheckContext): Promise<Judgement> {
  const api = await ctx.probe("reseller", "/api/health");
  if (api.status !== 404) return judgeApiHealth(api) ?? { verdict: "fail", summary: unexpected(api) };
  const nginx = await ctx.probe("reseller", "/health");
  const text = nginx.bodyText.trim();
  if (nginx.status === 200 && text === "healthy") {
    return checksNothing("no /api/health (404); /health answered Nginx's text \"healthy\"", "Nginx's own answer, not the app's");
  }
  if (nginx.status === 404 && mediaTypeOf(api.contentType) === "text/html") {
    // A rendered 404 page proves the Next.js app is serving, and nothing more.
    return checksNothing("no health endpoint (/api/health and /health 404): the app answered its 404 page", "it is up, nothing more");
  }
  const fallback = judgeApiHealth(nginx);
  if (fallback) return { ...fallback, summary: `no /api/health (404); /health: ${fallback.summary}` };
  return { verdict: "fail", summary: `no /api/health (404); /health ${unexpected(nginx)}` };
}

export const portalHealthChecks: CheckDef[] = [
  apiHealthCheck("admin"),
  { id: "reseller.api-health", surface: "reseller", title: "Reseller portal health", runbookSection: "§2", health: "health", run: resellerHealth },
  apiHealthCheck("tenant"),
];

export type { Portal };
