/** Time helpers shared by the bgops view models. Platform timestamps are ISO 8601 with microseconds. */

const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Epoch microseconds of an ISO timestamp, or null. Microseconds matter: compensation entries land
 * within the same millisecond (CONTRACT §2.3). A timestamp without an offset is taken as UTC, as the
 * platform writes UTC.
 */
export function parseIsoMicros(text: string | null | undefined): number | null {
  if (!text) return null;
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [, date, time, frac = "", zone = "Z"] = m;
  const ms = Date.parse(`${date}T${time}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
  if (Number.isNaN(ms)) return null;
  const micros = Number(frac.padEnd(6, "0").slice(0, 6));
  return ms * 1000 + micros;
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

/** "2025-09-08 10:02:01 UTC" — what the verdict and headers print; the UI may re-render locally. */
export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
