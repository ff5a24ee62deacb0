import type { SloState } from "@/lib/slo/math";

export const STATE_VIEW: Record<SloState, { label: string; tone: string; meaning: string }> = {
  healthy: { label: "healthy", tone: "pass", meaning: "No burn-rate pair is firing and budget is left." },
  burning_fast: { label: "burning fast", tone: "fail", meaning: "1h and 5m both burn at ≥ 14.4× — page now: 2% of the 30-day budget per hour." },
  burning_slow: { label: "burning slow", tone: "warn", meaning: "6h/30m ≥ 6× or 3d/6h ≥ 1× — the budget will run out before the period ends." },
  exhausted: { label: "exhausted", tone: "fail", meaning: "The error budget for the period is spent." },
  no_data: { label: "no data", tone: "neutral", meaning: "No samples at all in the period yet." },
  insufficient_traffic: { label: "insufficient traffic", tone: "info", meaning: "Too few events to judge; a burn rate here would be noise." },
  burning_low_traffic: {
    label: "burning — low traffic",
    tone: "fail",
    meaning: "A burn-rate pair fires on enough events per window, but the period is still too young or quiet to judge its budget.",
  },
  series_missing: { label: "metrics exposed, SLO series missing", tone: "warn", meaning: "/metrics answers, but without the series this SLO reads." },
};

export function pct(v: number | null | undefined, digits = 2): string {
  return v === null || v === undefined || !Number.isFinite(v) ? "—" : `${(v * 100).toFixed(digits)}%`;
}

export function rate(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  return v >= 100 ? `${v.toFixed(0)}×` : v >= 10 ? `${v.toFixed(1)}×` : `${v.toFixed(2)}×`;
}

export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  const s = ms / 1000;
  if (s < 90) return `${Math.round(s)} s`;
  const m = s / 60;
  if (m < 90) return `${Math.round(m)} min`;
  const h = m / 60;
  return h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} d`;
}

export function ago(ms: number): string {
  return `${duration(Math.max(0, ms))} ago`;
}

export function count(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

export function seconds(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  return v < 1 ? `${Math.round(v * 1000)} ms` : `${v.toFixed(v < 10 ? 2 : 1)} s`;
}

export const PAIR_LABEL: Record<string, string> = { page_fast: "1h / 5m", page_slow: "6h / 30m", ticket: "3d / 6h" };
