import type { SimContext } from "./context";
import { HTML_TYPE, json, text, type SimRequest, type SimResponse } from "./http";
import type { SurfaceScenario } from "./scenarios";

export type Gate = SimResponse | "hang" | "reset" | null;

const TENANT_RE = /^(?:[A-Za-z0-9_-]{3,}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

/** The edge lets these through without https or tenant checks (CONTRACT §1). */
const edgeExempt = (path: string) => /^\/(health|ready|metrics)(\/|$)/.test(path);
/** The API-version middleware skips /health* and /metrics*. */
const versionExempt = (path: string) => path.startsWith("/health") || path.startsWith("/metrics");

export const validTenant = (value: string) => TENANT_RE.test(value);

function flaky(ctx: SimContext, r: SimRequest): SimResponse | null {
  const n = (ctx.flakyCounter.get(r.surface) ?? 0) + 1;
  ctx.flakyCounter.set(r.surface, n);
  if (n % 3 !== 0) return null;
  const kind = (n / 3) % 3;
  if (kind === 1) return text(502, "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n", HTML_TYPE);
  if (kind === 2) return json(503, { detail: "Service Unavailable" });
  return text(500, "Internal Server Error");
}

function tenantMismatch(r: SimRequest): SimResponse {
  const tenant = r.header("x-tenant-id") ?? r.header("x-tenant");
  if (r.header("authorization")?.startsWith("Bearer ")) {
    return json(403, { error: "TENANT_MISMATCH", message: "Tenant context mismatch", details: { expected_tenant: "management", token_tenant: tenant ?? "unknown" } });
  }
  if (!tenant) return json(400, { detail: "Tenant context required but not found" });
  if (!validTenant(tenant)) return json(403, { detail: "Gateway tenant validation failed" });
  return json(403, { detail: "Tenant context mismatch detected" });
}

function apiVersion(r: SimRequest, supported: string[]): SimResponse | null {
  if (versionExempt(r.path)) return null;
  const sent = r.header("x-api-version") ?? "v1";
  if (supported.includes(sent)) return null;
  const latest = supported[supported.length - 1] ?? "v2";
  return json(400, { detail: `API version '${sent}' not supported. Use '${latest}' instead.` }, { "x-supported-versions": supported.join(", ") });
}

/** Everything that happens before routing: latency, transport faults, edge and version middleware. */
export async function gate(r: SimRequest, ctx: SimContext, s: SurfaceScenario): Promise<Gate> {
  switch (s.scenario) {
    case "slow":
      await ctx.delay(s.latencyMs);
      break;
    case "hang":
      return "hang";
    case "connection-reset":
      return "reset";
    case "flaky": {
      const failed = flaky(ctx, r);
      if (failed) return failed;
      break;
    }
    case "https-required":
      if (!edgeExempt(r.path)) {
        return json(401, { error: "HTTPS_REQUIRED", message: "HTTPS required", details: {} }, { "x-auth-error": "HTTPS_REQUIRED" });
      }
      break;
    case "tenant-mismatch":
      if (!edgeExempt(r.path)) return tenantMismatch(r);
      break;
    case "bad-api-version":
      // The platform was upgraded and dropped v1: the default header value is now refused.
      return apiVersion(r, ["v2"]);
    default:
      break;
  }
  if (r.surface !== "mgmt") return null;
  const versionProblem = apiVersion(r, ["v1", "v2"]);
  if (versionProblem) return versionProblem;
  const gateway = r.header("x-tenant-id");
  if (gateway !== undefined && !edgeExempt(r.path) && !validTenant(gateway)) {
    return json(403, { detail: "Gateway tenant validation failed" });
  }
  return null;
}

const PAD_BYTES = 12 * 1024 * 1024;

/** Body mangling scenarios, applied after the route produced its answer. */
export function mangle(res: SimResponse, scenario: string): SimResponse {
  const body = res.body ?? "";
  const isJson = (res.contentType ?? "").startsWith("application/json");
  if (scenario === "malformed-json" && isJson) {
    return { ...res, body: body.slice(0, Math.max(1, Math.floor(body.length / 2))) };
  }
  if (scenario === "oversized-body") {
    const pad = "x".repeat(PAD_BYTES);
    if (isJson && body.startsWith("{")) {
      const rest = body.slice(1);
      return { ...res, body: `{"_padding":"${pad}"${rest === "}" ? "" : ","}${rest}` };
    }
    return { ...res, body: `${body}\n${pad}` };
  }
  return res;
}
