import { duration, STATE_VIEW } from "@/components/slo/format";
import type { SloCard, SloReportJson } from "@/components/slo/types";

/**
 * Verdicts on data older than this many scrape intervals are stale: one late or failed scrape is within it,
 * a platform that stopped answering /metrics is not.
 */
export const STALE_AFTER_INTERVALS = 2;

const clock = (ms: number) => `${new Date(ms).toISOString().slice(11, 19)} UTC`;

export interface DataAge {
  /** Time of the newest successful scrape (the data the verdicts read); null when none is in the history. */
  dataFrom: number | null;
  failingSince: number | null;
  stale: boolean;
}

/** How old the embedded scrape's data is at `at`; null with Prometheus (it keeps its own staleness). */
export function dataAge(report: SloReportJson, at: number): DataAge | null {
  const s = report.source;
  if (s.kind !== "scrape") return null;
  const { lastOkAt, failingSince, last, intervalMs } = s.scrape;
  if (lastOkAt === null) return { dataFrom: null, failingSince, stale: last !== null };
  return { dataFrom: lastOkAt, failingSince, stale: at - lastOkAt > STALE_AFTER_INTERVALS * intervalMs };
}

/** "SLO data from 05:03:12 UTC, 65 s old" (or that no scrape has succeeded). */
export function dataFromText(age: DataAge, now: number): string {
  if (age.dataFrom === null) return "no successful scrape of /metrics in the stored history";
  return `SLO data from ${clock(age.dataFrom)}, ${duration(Math.max(0, now - age.dataFrom))} old`;
}

/**
 * The badge of a card: its state, or on stale data "healthy as of 05:03:12 UTC — no data since" in a neutral
 * tone (green would claim a health nobody measured). Burning and warning states keep their colour: old
 * evidence of a burn is still a reason to look.
 */
export function verdictView(state: SloCard["state"], age: DataAge | null): { label: string; tone: string; stale: boolean } {
  const view = STATE_VIEW[state];
  if (!age?.stale) return { label: view.label, tone: view.tone, stale: false };
  const label = age.dataFrom === null ? `${view.label} — no scrape has succeeded` : `${view.label} as of ${clock(age.dataFrom)} — no data since`;
  const calm = view.tone === "pass" || view.tone === "info";
  return { label, tone: calm ? "neutral" : view.tone, stale: true };
}
