/** Encodings the Python platform produces, reproduced byte for byte where the console could notice. */

/** ISO 8601 UTC with microseconds and +00:00, as Python's datetime.isoformat() writes it. */
export function isoMicros(ms: number, micros = 0): string {
  const base = new Date(Math.floor(ms)).toISOString().slice(0, 23);
  return `${base}${String(micros % 1000).padStart(3, "0")}+00:00`;
}

/** Python json.dumps defaults: ", " and ": " separators, ensure_ascii. One pass over JSON.stringify's output. */
export function pyDumps(value: unknown): string {
  const compact = JSON.stringify(value ?? null);
  const parts: string[] = [];
  let last = 0;
  let inString = false;
  for (let i = 0; i < compact.length; i++) {
    const c = compact.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 44 || c === 58) {
      parts.push(compact.slice(last, i + 1), " ");
      last = i + 1;
    }
  }
  parts.push(compact.slice(last));
  const out = parts.join("");
  return /[\u0080-\uffff]/.test(out) ? out.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`) : out;
}

/** The text of Python's json.JSONDecodeError for a value that does not start like JSON. */
export const PY_JSON_DECODE_ERROR = "Expecting value: line 1 column 1 (char 0)";
