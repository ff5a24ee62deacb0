import { parseIsoMs } from "@/lib/domain/time";

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** "2025-09-08 10:02:01.277 UTC", or the browser's local time with its offset when `local`. */
export function formatInstant(ms: number | null, local: boolean): string {
  if (ms === null || !Number.isFinite(ms)) return "—";
  const d = new Date(ms);
  if (!local) return `${d.toISOString().slice(0, 23).replace("T", " ")} UTC`;
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? "+" : "-";
  const zone = `UTC${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)} (${zone})`;
}

/** An ISO timestamp from the platform, shown as formatInstant does; unreadable text is shown as it came. */
export function formatIso(iso: string | null | undefined, local: boolean): string {
  if (!iso) return "—";
  const ms = parseIsoMs(iso);
  return ms === null ? `unreadable (${iso})` : formatInstant(ms, local);
}

/** A chart tick: "14:05" (or "12-05 14:05" on multi-day windows), 24-hour, UTC unless `local`. */
export function formatChartTime(ms: number, local: boolean, withDate: boolean): string {
  const d = new Date(ms);
  const [mo, day, h, m] = local
    ? [d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()]
    : [d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
  const hm = `${pad(h)}:${pad(m)}`;
  return withDate ? `${pad(mo)}-${pad(day)} ${hm}` : hm;
}
