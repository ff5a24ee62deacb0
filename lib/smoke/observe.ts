import type { Observation } from "@/lib/upstream/types";
import { mediaTypeOf } from "@/lib/upstream/errors";
import { classifyPlatformAnswer, type BgopsSignature } from "@/lib/domain/bgops-signature";
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

/**
 * The one verdict for an answer that says "up" but checks nothing (a static /health, readiness with only
 * `unknown` checks or none, placeholder checks, Nginx's own text): warn, in the same words everywhere.
 */
export function checksNothing(seen: string, why: string): Judgement {
  return { verdict: "warn", summary: `${seen}: answered, but checks nothing (${why})` };
}

/**
 * The platform's failure signatures that mean the same thing whichever route answered them, read by the one
 * classifier the pages use too: "401 HTTPS_REQUIRED — <meaning>", with the runbook section.
 */
export function recognizeSignature(obs: Observation): Judgement | undefined {
  const sig = classifyPlatformAnswer(obs);
  return sig ? judgeSignature(sig) : undefined;
}

/** A named failure as a smoke verdict: what was seen, what it means, where the runbook covers it. */
export function judgeSignature(sig: BgopsSignature): Judgement {
  return { verdict: "fail", summary: `${sig.headline} — ${sig.meaning}`, runbookSection: sig.runbookSection };
}
