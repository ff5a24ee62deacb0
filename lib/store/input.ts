import { z } from "zod";
import { StoreInvalidInputError } from "./errors";

/** A point in time given as Date, epoch milliseconds or an ISO-8601 string; stored as epoch ms. */
export type TimeInput = Date | number | string;

export const zTime = z
  .union([z.date(), z.number(), z.string().min(1)])
  .transform((v, ctx) => {
    const ms = v instanceof Date ? v.getTime() : typeof v === "number" ? v : Date.parse(v);
    if (!Number.isFinite(ms) || ms < 0) {
      ctx.addIssue({ code: "custom", message: "not a valid time" });
      return z.NEVER;
    }
    return Math.trunc(ms);
  });

export const zText = (max: number) => z.string().trim().min(1).max(max);

export function zJsonObject(maxBytes: number) {
  return z
    .record(z.string(), z.unknown())
    .transform((v, ctx) => {
      const text = JSON.stringify(v);
      if (text.length > maxBytes) {
        ctx.addIssue({ code: "custom", message: `larger than ${maxBytes} bytes as JSON` });
        return z.NEVER;
      }
      return text;
    });
}

/** Validates before any SQL is built; the error names the field and the problem. */
export function parseInput<S extends z.ZodType>(what: string, schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw StoreInvalidInputError.fromZod(what, result.error);
  return result.data;
}

export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export function parseJson<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}
