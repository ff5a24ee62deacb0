import "server-only";
import { z } from "zod";

// A time without a zone is read as UTC: the page shows and sends UTC, and a server's local zone must not matter.
const NO_ZONE = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .optional()
    .transform((v) => v || undefined);

const optionalTime = z
  .string()
  .trim()
  .max(40)
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const ms = Date.parse(NO_ZONE.test(v) ? `${v}Z` : v);
    if (!Number.isFinite(ms)) {
      ctx.addIssue({ code: "custom", message: "must be an ISO-8601 time such as 2025-05-01T08:00:00Z" });
      return z.NEVER;
    }
    return new Date(ms).toISOString();
  });

const optionalInt = (min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return undefined;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

/** The filters shared by the list and the CSV export, so an export holds exactly what the page showed. */
export const auditFilterSchema = z
  .object({ actor: optionalText(200), action: optionalText(100), from: optionalTime, to: optionalTime })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "must not be after `to`", path: ["from"] });

export type AuditFilter = z.output<typeof auditFilterSchema>;

export const AUDIT_PAGE_MAX = 500;

export const auditListSchema = z
  .object({ before: optionalInt(1, Number.MAX_SAFE_INTEGER), limit: optionalInt(1, AUDIT_PAGE_MAX) })
  .and(auditFilterSchema);
