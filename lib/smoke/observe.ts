import type { Observation } from "@/lib/upstream/types";
import { mediaTypeOf } from "@/lib/upstream/errors";
import type { Judgement } from "@/lib/smoke/context";
import { redactedExcerpt } from "@/lib/smoke/context";

/** Lenient JSON: an object, or undefined for anything else (text, HTML, arrays, garbage). */
export function jsonObject(obs: Observation): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(obs.bodyText);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : undefined;
}

export function header(obs: Observation, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(obs.headers)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

/** "200 application/json" — the status and media type, as an operator would say it. */
export function statusLine(obs: Observation): string {
  return `${obs.status} ${mediaTypeOf(obs.contentType)}`;
}

/** Why a body cannot be read at all: cut off at the size limit, or JSON by its type but not by its content. */
export function unreadableBody(obs: Observation): string | undefined {
  if (obs.truncated) return "body is over the size limit, cut off";
  if (mediaTypeOf(obs.contentType).includes("json") && obs.bodyText.trim() !== "") {
    try {
      JSON.parse(obs.bodyText);
    } catch {
      return "body is not valid JSON";
    }
  }
  return undefined;
}

/** "404 application/json: {"detail":"Not Found"}" — for answers a check does not otherwise understand. */
export function unexpected(obs: Observation, max = 80): string {
  const body = redactedExcerpt(obs.bodyText, max);
  const why = unreadableBody(obs);
  const head = why ? `${statusLine(obs)} but the ${why}` : statusLine(obs);
  return body ? `${head}: ${body}` : head;
}

export function isRedirect(obs: Observation): boolean {
  return obs.status >= 300 && obs.status < 400;
}

function detailText(body: Record<string, unknown> | undefined): string | undefined {
  if (!body) return undefined;
  const detail = body.detail;
  if (typeof detail === "string") return detail;
  return str(body.message) ?? str(body.error);
}

/**
 * The platform's failure signatures that mean the same thing whichever route answered them
 * (CONTRACT §2.5): named, with the runbook section that explains them.
 */
export function recognizeSignature(obs: Observation): Judgement | undefined {
  const body = jsonObject(obs);
  const error = str(body?.error);
  const detail = detailText(body);
  if (obs.status === 401 && (error === "HTTPS_REQUIRED" || header(obs, "x-auth-error") === "HTTPS_REQUIRED")) {
    return { verdict: "fail", summary: "401 HTTPS_REQUIRED: the call reached the API over plain http through the edge", runbookSection: "§7" };
  }
  if (obs.status === 403 && (error === "TENANT_MISMATCH" || /tenant context mismatch|gateway tenant validation failed/i.test(detail ?? ""))) {
    const d = body?.details as Record<string, unknown> | undefined;
    const who = d && (d.expected_tenant || d.token_tenant) ? ` (expected ${str(d.expected_tenant) ?? "?"}, token ${str(d.token_tenant) ?? "?"})` : "";
    const name = error === "TENANT_MISMATCH" ? "TENANT_MISMATCH" : detail;
    return { verdict: "fail", summary: `403 ${name}${who}: tenant header and token/host disagree`, runbookSection: "§4" };
  }
  if (obs.status === 400 && /api version .* not supported/i.test(detail ?? "")) {
    const supported = header(obs, "x-supported-versions");
    return {
      verdict: "fail",
      summary: `400 ${detail}${supported ? ` (X-Supported-Versions: ${supported})` : ""}: check API_VERSION`,
      runbookSection: "§1",
    };
  }
  if (obs.status === 400 && /tenant context required/i.test(detail ?? "")) {
    return { verdict: "fail", summary: `400 ${detail}: no tenant reached the platform`, runbookSection: "§4" };
  }
  if (obs.status >= 502 && obs.status <= 504 && mediaTypeOf(obs.contentType) === "text/html" && /nginx/i.test(obs.bodyText)) {
    const title = /<title>([^<]{1,60})<\/title>/i.exec(obs.bodyText)?.[1]?.trim() ?? String(obs.status);
    return { verdict: "fail", summary: `${title} from Nginx: the app behind it did not answer`, runbookSection: "§2" };
  }
  if (obs.status === 401 && error && /^(TOKEN_|INVALID_)/.test(error)) {
    return { verdict: "fail", summary: `401 ${error}: the edge refused the token`, runbookSection: "§3" };
  }
  if (obs.status === 403 && error && /^INSUFFICIENT_/.test(error)) {
    return { verdict: "fail", summary: `403 ${error}: the token lacks the scope or role`, runbookSection: "§3" };
  }
  return undefined;
}
