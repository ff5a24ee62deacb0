/** Encodings the Python platform produces, reproduced byte for byte where the console could notice. */

/** ISO 8601 UTC with microseconds and +00:00, as Python's datetime.isoformat() writes it. */
export function isoMicros(ms: number, micros = 0): string {
  const base = new Date(Math.floor(ms)).toISOString().slice(0, 23);
  return `${base}${String(micros % 1000).padStart(3, "0")}+00:00`;
}

/** Python json.dumps defaults: ", " and ": " separators, ensure_ascii. */
export function pyDumps(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") {
    return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  }
  if (typeof value === "number" || typeof value === "boolean") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pyDumps).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${pyDumps(k)}: ${pyDumps(v)}`).join(", ")}}`;
}

/** The text of Python's json.JSONDecodeError for a value that does not start like JSON. */
export const PY_JSON_DECODE_ERROR = "Expecting value: line 1 column 1 (char 0)";
