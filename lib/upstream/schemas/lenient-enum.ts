/** An enum value as received: `value` is "unknown" for anything outside the known set, `raw` keeps what came. */
export interface LenientEnum<T extends string> {
  value: T | "unknown";
  raw: string | null;
}

/** "unknown (weird)" for unknown values, the value itself otherwise; "unknown (missing)" when absent. */
export function enumLabel<T extends string>(e: LenientEnum<T>): string {
  if (e.value !== "unknown") return e.value;
  return `unknown (${e.raw === null ? "missing" : e.raw === "" ? "empty" : e.raw})`;
}
