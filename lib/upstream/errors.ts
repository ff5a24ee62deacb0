import type { Observation, Surface, UpstreamErrorKind } from "@/lib/upstream/types";
import { brand, hasBrand } from "@/lib/errors/brand";

const SURFACE_NAMES: Record<Surface, string> = {
  mgmt: "Management API",
  admin: "Admin portal",
  reseller: "Reseller portal",
  tenant: "Tenant portal",
};

/** Human name of a surface, as operators and the runbook call it. */
export function describeSurface(surface: Surface): string {
  return SURFACE_NAMES[surface] ?? "Platform";
}

export interface UpstreamErrorDetails {
  surface?: Surface;
  path?: string;
  status?: number;
  contentType?: string | null;
  excerpt?: string;
  location?: string | null;
  observation?: Observation;
  zodIssues?: string[];
  cause?: unknown;
}

/**
 * Everything the platform client rejects with. `kind` is the closed taxonomy the UI acts on;
 * `message` says what was seen on the wire and never carries credentials.
 */
export class UpstreamError extends Error {
  readonly kind: UpstreamErrorKind;
  surface?: Surface;
  path?: string;
  status?: number;
  contentType?: string | null;
  excerpt?: string;
  location?: string | null;
  observation?: Observation;
  zodIssues?: string[];

  constructor(kind: UpstreamErrorKind, message: string, details: UpstreamErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "UpstreamError";
    this.kind = kind;
    this.surface = details.surface;
    this.path = details.path;
    this.status = details.status;
    this.contentType = details.contentType;
    this.excerpt = details.excerpt;
    this.location = details.location;
    this.observation = details.observation;
    this.zodIssues = details.zodIssues;
    brand(this, "UpstreamError");
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, "UpstreamError");
  }
}

export function isUpstreamError(e: unknown): e is UpstreamError {
  return e instanceof UpstreamError;
}

// C0/C1 controls and bidi overrides could garble a terminal or the page; an excerpt is for reading only.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+/g;

/** A short, printable excerpt of a body: control characters become spaces, at most `max` characters. */
export function excerptOf(text: string, max = 300): string {
  const clean = text.replace(UNPRINTABLE, " ").replace(/ {2,}/g, " ").trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** "text/plain; charset=utf-8" → "text/plain"; null → "(no content type)". */
export function mediaTypeOf(contentType: string | null | undefined): string {
  const media = contentType?.split(";")[0]?.trim().toLowerCase();
  return media ? media : "(no content type)";
}
