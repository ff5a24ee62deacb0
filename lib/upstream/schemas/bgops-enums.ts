/** Enum values of the bgops payloads as the platform defines them (CONTRACT §2.1–§2.3). */

export const SAGA_STATUSES = ["pending", "completed", "compensating", "compensated", "failed"] as const;
export const STEP_STATUSES = [
  "pending",
  "executing",
  "completed",
  "failed",
  "compensating",
  "compensated",
  "skipped",
] as const;
export const IDEMPOTENCY_STATUSES = [
  "pending",
  "in_progress",
  "completed",
  "failed",
  "compensating",
  "compensated",
] as const;
export const BGOPS_SOURCES = ["redis", "memory"] as const;

export type SagaStatus = (typeof SAGA_STATUSES)[number];
export type StepStatus = (typeof STEP_STATUSES)[number];
export type IdempotencyStatus = (typeof IDEMPOTENCY_STATUSES)[number];
