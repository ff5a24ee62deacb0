/** Time helpers shared by the bgops view models. Platform timestamps are ISO 8601 with microseconds. */

const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Epoch microseconds of an ISO timestamp, or null. Microseconds matter: compensation entries land
 * within the same millisecond (CONTRACT §2.3). A timestamp without an offset is taken as UTC, as the
 * platform writes UTC.
 */
export function parseIsoMicros(text: string | null | undefined): number | null {
  if (!text) return null;
  const fast = fastUtcMicros(text);
  if (fast !== undefined) return fast;
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [, date, time, frac = "", zone = "Z"] = m;
  const ms = Date.parse(`${date}T${time}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
  if (Number.isNaN(ms)) return null;
  const micros = Number(frac.padEnd(6, "0").slice(0, 6));
  return ms * 1000 + micros;
}

function digits(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

// The platform's own shape, "2025-09-08T10:02:01.277245+00:00": read without regex or Date.parse,
// because a 10,000-entry history parses it tens of thousands of times per render.
// undefined: not this shape, try the general parser; null: this shape but not a real instant.
function fastUtcMicros(t: string): number | null | undefined {
  if (t.length !== 32 || t[4] !== "-" || t[7] !== "-" || t[10] !== "T" || t[13] !== ":" || t[16] !== ":" || t[19] !== ".") return undefined;
  if (!t.endsWith("+00:00")) return undefined;
  const [y, mo, d, h, mi, s, us] = [digits(t, 0, 4), digits(t, 5, 2), digits(t, 8, 2), digits(t, 11, 2), digits(t, 14, 2), digits(t, 17, 2), digits(t, 20, 6)];
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59 || us < 0) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(ms).getUTCDate() !== d) return null; // 2025-02-31
  return ms * 1000 + us;
}

/** Epoch milliseconds (fractional) of an ISO timestamp, or null. */
export function parseIsoMs(text: string | null | undefined): number | null {
  const us = parseIsoMicros(text);
  return us === null ? null : us / 1000;
}

/** "4.2 s", "850 ms", "3 min 5 s", "2 h", "2 h 10 min", "3 d 4 h" — the two largest units. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(abs)} ms`;
  if (abs < 60_000) {
    const s = abs / 1000;
    return `${s < 10 ? Number(s.toFixed(1)) : Math.round(s)} s`;
  }
  const units: [string, number][] = [
    ["d", 86_400_000],
    ["h", 3_600_000],
    ["min", 60_000],
    ["s", 1000],
  ];
  const firstIdx = units.findIndex(([, size]) => abs >= size);
  const [u1, s1] = units[firstIdx]!;
  const n1 = Math.floor(abs / s1);
  const next = units[firstIdx + 1];
  if (!next) return `${n1} ${u1}`;
  const n2 = Math.floor((abs - n1 * s1) / next[1]);
  return n2 === 0 ? `${n1} ${u1}` : `${n1} ${u1} ${n2} ${next[0]}`;
}

/**
 * "expires at 23:10 UTC, in 23 h 10 min" (the date too when it is not today, UTC); "expired at 23:10 UTC,
 * 5 min ago" once past. One unambiguous line: when, and how long from now.
 */
export function formatExpiry(expiresAtMs: number, now: number): string {
  const at = new Date(expiresAtMs).toISOString();
  const sameDay = at.slice(0, 10) === new Date(now).toISOString().slice(0, 10);
  const when = `${sameDay ? "" : `${at.slice(0, 10)} `}${at.slice(11, 16)} UTC`;
  const left = expiresAtMs - now;
  return left > 0 ? `expires at ${when}, in ${formatDuration(left)}` : `expired at ${when}, ${formatDuration(-left)} ago`;
}

/** "2025-09-08 10:02:01 UTC" — what the verdict and headers print; the UI may re-render locally. */
export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
