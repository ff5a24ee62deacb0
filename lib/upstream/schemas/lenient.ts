import { z } from "zod";
import type { LenientEnum } from "@/lib/upstream/schemas/lenient-enum";

/**
 * Building blocks for parsing platform payloads leniently (CONTRACT rule 1): Redis hashes turn every
 * value into a string, null fields go missing, and enums grow values the console has not seen.
 * Fields never fail a parse; only the structure around them (an envelope, an array) can.
 */

// The value type and its label live in a zod-free module: client components render them.
export { enumLabel, type LenientEnum } from "@/lib/upstream/schemas/lenient-enum";

function rawText(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** A string field: numbers and booleans become text, objects their JSON, missing/null become null. */
export const lenientString = z.unknown().optional().transform((v): string | null => rawText(v));

/** A numeric field that may arrive as a number or as numeric text ("3", "86400.0"); anything else is null. */
export const lenientNumber = z.unknown().optional().transform((v): number | null => {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && v.trim() !== "") {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
});

/** Like lenientNumber, truncated to an integer (retry counts, step indexes). */
export const lenientInt = lenientNumber.transform((n) => (n === null ? null : Math.trunc(n)));

/** An enum field that never fails: unknown values are kept as `{ value: "unknown", raw }`. */
export function lenientEnum<const T extends readonly string[]>(values: T) {
  const known = new Set<string>(values);
  return z.unknown().optional().transform((v): LenientEnum<T[number]> => {
    const raw = rawText(v);
    if (raw !== null && known.has(raw)) return { value: raw as T[number], raw };
    return { value: "unknown", raw };
  });
}

/** Any JSON value, kept as is (step parameters, results). Missing becomes null. */
export const anyJson = z.unknown().optional().transform((v): unknown => (v === undefined ? null : v));

