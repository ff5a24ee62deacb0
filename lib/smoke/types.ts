import type { Surface } from "@/lib/upstream/types";

export type Verdict = "pass" | "warn" | "fail" | "error";

/** The platform's four surfaces plus the secrets store, which is checked but is not a platform surface. */
export type SmokeSurface = Surface | "vault";

/** One request as it was seen on the wire; no credentials, bodies cut to an excerpt. */
export interface SeenRequest {
  method: string;
  path: string;
  status?: number;
  contentType?: string | null;
  location?: string | null;
  ttfbMs?: number;
  totalMs?: number;
  excerpt?: string;
  /** Set when no HTTP answer came back (unreachable, timeout). */
  error?: string;
}

export interface CheckResult {
  /** Stable across runs and releases, e.g. "mgmt.health.ready": runs are compared by it. */
  id: string;
  surface: SmokeSurface;
  title: string;
  verdict: Verdict;
  /** What was actually seen, e.g. "307 to /health/ — followed: 200 degraded". */
  summary: string;
  /** Runbook section to open, e.g. "§2". */
  runbookSection: string;
  seen?: SeenRequest[];
  durationMs: number;
}

export interface SmokeReport {
  startedAt: string;
  finishedAt: string;
  platform: { baseUrls: Record<Surface, string>; tenantSlug: string; apiVersion: string };
  results: CheckResult[];
  summary: Record<Verdict, number>;
}

export type HealthKind = "live" | "ready" | "startup" | "health";
export const HEALTH_KINDS: readonly HealthKind[] = ["live", "ready", "startup", "health"] as const;
/** Beside the probes, the matrix watches the two things an outage shows in first: bgops and /metrics. */
export type WatchKind = "bgops" | "metrics";
export type MatrixKind = HealthKind | WatchKind;
export const MATRIX_KINDS: readonly MatrixKind[] = [...HEALTH_KINDS, "bgops", "metrics"] as const;

export interface HealthCell {
  checkId: string;
  verdict: Verdict;
  summary: string;
  runbookSection: string;
  /** ISO time the answer (or the give-up) arrived. */
  at: string;
  seen?: SeenRequest[];
}

export interface HealthMatrixRow {
  surface: Surface;
  /** null where the surface has no such probe (portals have no live/ready/startup, only the API has bgops and /metrics). */
  cells: Record<MatrixKind, HealthCell | null>;
}

export interface HealthMatrix {
  checkedAt: string;
  rows: HealthMatrixRow[];
}
