import { z } from "zod";
import { BGOPS_SOURCES, IDEMPOTENCY_STATUSES, SAGA_STATUSES, STEP_STATUSES } from "@/lib/upstream/schemas/bgops-enums";
import { anyJson, lenientEnum, lenientInt, lenientNumber, lenientString } from "@/lib/upstream/schemas/lenient";

/** Schemas of the four bgops payloads (CONTRACT §2). Fields are lenient; envelopes and arrays are not. */

// The enums live in a zod-free module so client components can import them without pulling zod into the bundle.
export { BGOPS_SOURCES, IDEMPOTENCY_STATUSES, SAGA_STATUSES, STEP_STATUSES } from "@/lib/upstream/schemas/bgops-enums";
export type { IdempotencyStatus, SagaStatus, StepStatus } from "@/lib/upstream/schemas/bgops-enums";
const objectOrNull = z.unknown().optional().transform((v): Record<string, unknown> | null =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null,
);

export const upstreamIdempotencyRecordSchema = z.object({
  key: lenientString,
  tenant_id: lenientString,
  user_id: lenientString,
  operation_type: lenientString,
  created_at: lenientString,
  expires_at: lenientString,
  status: lenientEnum(IDEMPOTENCY_STATUSES),
  /** JSON text inside a string; the route does not parse it. */
  result: lenientString,
  error: lenientString,
});

export const upstreamSagaStepSchema = z.object({
  step_id: lenientString,
  name: lenientString,
  operation: lenientString,
  parameters: objectOrNull,
  compensation_operation: lenientString,
  compensation_parameters: objectOrNull,
  status: lenientEnum(STEP_STATUSES),
  result: anyJson,
  error: lenientString,
  started_at: lenientString,
  completed_at: lenientString,
  retry_count: lenientInt,
  max_retries: lenientInt,
});

export const upstreamSagaSchema = z.object({
  saga_id: lenientString,
  tenant_id: lenientString,
  workflow_type: lenientString,
  steps: z.preprocess((v) => v ?? [], z.array(upstreamSagaStepSchema)),
  status: lenientEnum(SAGA_STATUSES),
  current_step: lenientInt,
  created_at: lenientString,
  updated_at: lenientString,
  idempotency_key: lenientString,
  timeout_seconds: lenientNumber,
});

export const upstreamHistoryEntrySchema = z.object({
  timestamp: lenientString,
  step_id: lenientString,
  step_name: lenientString,
  status: lenientEnum(STEP_STATUSES),
  error: lenientString,
  retry_count: lenientInt,
});

export type UpstreamIdempotencyRecord = z.output<typeof upstreamIdempotencyRecordSchema>;
export type UpstreamSagaStep = z.output<typeof upstreamSagaStepSchema>;
export type UpstreamSaga = z.output<typeof upstreamSagaSchema>;
export type UpstreamHistoryEntry = z.output<typeof upstreamHistoryEntrySchema>;

/** An array element that could not be read, kept so the page can say "1 entry could not be read". */
export interface InvalidItem {
  index: number;
  problem: string;
}

/** Parses each element on its own: one broken item is reported, not fatal to the other 499. */
function lenientArrayOf<T>(item: z.ZodType<T>) {
  return z.preprocess(
    (v) => v ?? [],
    z.array(z.unknown()).transform((arr) => {
      const items: T[] = [];
      const invalid: InvalidItem[] = [];
      arr.forEach((raw, index) => {
        const r = item.safeParse(raw);
        if (r.success) items.push(r.data);
        else invalid.push({ index, problem: describeIssues(r.error).join("; ") });
      });
      return { items, invalid };
    }),
  );
}

const sourceField = lenientEnum(BGOPS_SOURCES);

/** GET /api/v1/bgops/idempotency — also the `{source, error, items: []}` variant without `count`. */
export const idempotencyListResponseSchema = z
  .object({
    source: sourceField,
    count: lenientInt,
    error: lenientString,
    items: lenientArrayOf(upstreamIdempotencyRecordSchema),
  })
  .transform(({ items, ...rest }) => ({ ...rest, items: items.items, invalidItems: items.invalid }));

/** GET /api/v1/bgops/idempotency/{key} — redis (full) or memory (reduced) record. */
export const idempotencyKeyResponseSchema = z.object({
  source: sourceField,
  item: upstreamIdempotencyRecordSchema,
});

/** GET /api/v1/bgops/sagas/{saga_id} — redis (full) or memory (reduced) saga. */
export const sagaResponseSchema = z.object({
  source: sourceField,
  saga: upstreamSagaSchema,
});

/** GET /api/v1/bgops/sagas/{saga_id}/history — oldest first, but never trusted to be. */
export const sagaHistoryResponseSchema = z
  .object({
    source: sourceField,
    error: lenientString,
    items: lenientArrayOf(upstreamHistoryEntrySchema),
  })
  .transform(({ items, ...rest }) => ({ ...rest, items: items.items, invalidItems: items.invalid }));

export type IdempotencyListResponse = z.output<typeof idempotencyListResponseSchema>;
export type IdempotencyKeyResponse = z.output<typeof idempotencyKeyResponseSchema>;
export type SagaResponse = z.output<typeof sagaResponseSchema>;
export type SagaHistoryResponse = z.output<typeof sagaHistoryResponseSchema>;

/** "saga.steps.2: expected object, received string" — one line per zod issue. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join(".") : "(body)"}: ${i.message}`);
}

export type ParseOutcome<T> = { ok: true; data: T } | { ok: false; issues: string[] };

/** safeParse that never throws, even on hostile input (cycles, getters that throw). */
export function parseLeniently<T>(schema: z.ZodType<T>, value: unknown): ParseOutcome<T> {
  try {
    const r = schema.safeParse(value);
    return r.success ? { ok: true, data: r.data } : { ok: false, issues: describeIssues(r.error) };
  } catch (e) {
    return { ok: false, issues: [`(body): could not be read (${e instanceof Error ? e.message : String(e)})`] };
  }
}
