import type { CheckDef, Judgement } from "@/lib/smoke/context";
import { header, jsonObject, recognizeSignature, str, unexpected } from "@/lib/smoke/observe";

// Any non-exempt Management API route: /health* and /metrics* skip the version check (CONTRACT §1).
const PROBE_PATH = "/api/v1/bgops/idempotency?limit=1";
const BAD_VERSION = "v999";
const BAD_TENANT = "../x";

function detailOf(body: Record<string, unknown> | undefined): string | undefined {
  return str(body?.detail) ?? str(body?.error);
}

async function rejectsBadVersion(ctx: Parameters<CheckDef["run"]>[0]): Promise<Judgement> {
  const obs = await ctx.probe("mgmt", PROBE_PATH, {
    platformHeaders: false,
    headers: { "X-Tenant-ID": ctx.client.config.tenantSlug, "X-API-Version": BAD_VERSION },
  });
  const supported = header(obs, "x-supported-versions");
  const detail = detailOf(jsonObject(obs));
  if (obs.status === 400 && supported) return { verdict: "pass", summary: `400 ${detail ?? "rejected"} (X-Supported-Versions: ${supported})` };
  if (obs.status === 400) return { verdict: "warn", summary: `400 ${detail ?? ""} but no X-Supported-Versions header`.trim() };
  if (obs.status < 400) return { verdict: "fail", summary: `X-API-Version ${BAD_VERSION} accepted (${obs.status}): version checking is off` };
  const sig = recognizeSignature(obs);
  return sig ? { ...sig, summary: `not tested: ${sig.summary}` } : { verdict: "fail", summary: `expected 400, got ${unexpected(obs)}` };
}

async function rejectsBadTenant(ctx: Parameters<CheckDef["run"]>[0]): Promise<Judgement> {
  const obs = await ctx.probe("mgmt", PROBE_PATH, {
    platformHeaders: false,
    headers: { "X-Tenant-ID": BAD_TENANT, "X-API-Version": ctx.client.config.apiVersion },
  });
  const detail = detailOf(jsonObject(obs));
  const sig = recognizeSignature(obs);
  // Refused for another reason first (edge https, API version): isolation was not tested.
  if (sig && (sig.runbookSection === "§7" || sig.runbookSection === "§1")) return { ...sig, summary: `not tested: ${sig.summary}` };
  if (obs.status === 403) return { verdict: "pass", summary: `403 ${detail ?? "rejected"}` };
  if (obs.status < 400) return { verdict: "fail", summary: `X-Tenant-ID "${BAD_TENANT}" accepted (${obs.status}): tenant validation is off` };
  if (obs.status === 400) return { verdict: "warn", summary: `rejected with 400 (${detail ?? "no detail"}), expected 403` };
  return { verdict: "fail", summary: `expected 403, got ${unexpected(obs)}` };
}

export const isolationChecks: CheckDef[] = [
  { id: "mgmt.isolation.api-version", surface: "mgmt", title: "Unsupported API version rejected", runbookSection: "§1", run: rejectsBadVersion },
  { id: "mgmt.isolation.tenant-header", surface: "mgmt", title: "Malformed X-Tenant-ID rejected", runbookSection: "§4", run: rejectsBadTenant },
];
