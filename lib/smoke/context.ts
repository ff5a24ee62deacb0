import type { Observation, PlatformClient, ProbeInit, Surface } from "@/lib/upstream/types";
import { excerptOf } from "@/lib/upstream/errors";
import { createRedactor } from "@/lib/upstream/redact";
import type { HealthKind, SeenRequest, SmokeSurface, Verdict } from "@/lib/smoke/types";

/** What a check decides; the runner adds id, title, timing and what was seen. */
export interface Judgement {
  verdict: Verdict;
  summary: string;
  /** Overrides the check's default section, e.g. a 401 HTTPS_REQUIRED points at §7. */
  runbookSection?: string;
}

export interface VaultOptions {
  addr: string;
  fetch: typeof fetch;
}

export interface CheckContext {
  client: PlatformClient;
  /** Budget of the whole check; every request gets what is left of it. */
  timeoutMs: number;
  now: () => number;
  vault?: VaultOptions;
  /** A probe that records what it saw and never outlives the check's budget. */
  probe(surface: Surface, path: string, init?: ProbeInit): Promise<Observation>;
  record(seen: SeenRequest): void;
  remainingMs(): number;
}

export interface CheckDef {
  id: string;
  surface: SmokeSurface;
  title: string;
  runbookSection: string;
  /** Health probes get the longer health timeout (the legacy /health/ handler blocks ~1 s). */
  health?: HealthKind;
  run(ctx: CheckContext): Promise<Judgement>;
}

// Refresh answers carry tokens; an excerpt must never show one (the platform client's redaction, secret-free part).
const redactShapes = createRedactor();

export function redactedExcerpt(body: string, max = 200): string {
  return excerptOf(redactShapes(body), max);
}

export function seenOf(obs: Observation): SeenRequest {
  return {
    method: obs.method,
    path: obs.path,
    status: obs.status,
    contentType: obs.contentType,
    location: obs.location,
    ttfbMs: Math.round(obs.ttfbMs),
    totalMs: Math.round(obs.totalMs),
    excerpt: redactedExcerpt(obs.bodyText),
  };
}
