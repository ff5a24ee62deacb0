import "server-only";
import { z } from "zod";
import { parseIdempotencyKey, parseLimit, parseSagaId, type Parsed } from "@/lib/upstream/paths";

/** A zod string checked by one of the client's own path checks, so a refused id never reaches a URL builder. */
const checked = (parse: (raw: unknown) => Parsed<string>) =>
  z.string().transform((v, ctx) => {
    const r = parse(v);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.reason });
      return z.NEVER;
    }
    return r.value;
  });

export const sagaIdField = checked(parseSagaId);
export const sagaIdParams = z.object({ id: sagaIdField });
export const parseKeyField = checked(parseIdempotencyKey);
export const keyParams = z.object({ key: parseKeyField });

export const limitField = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return fallback;
      const r = parseLimit(v);
      if (!r.ok) {
        ctx.addIssue({ code: "custom", message: r.reason });
        return z.NEVER;
      }
      return r.value;
    });

/** A filter value: short printable text, or absent. */
export const filterField = z
  .string()
  .max(128, "must be at most 128 characters")
  .regex(/^[\x20-\x7e]*$/, "must be printable ASCII")
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : null));

export const viaField = z.enum(["api", "redis"]).optional();
