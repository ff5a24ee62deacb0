import { dataAge, dataFromText } from "@/components/slo/data-age";
import { ago, count } from "@/components/slo/format";
import type { SloReportJson } from "@/components/slo/types";

const clock = (ms: number) => `${new Date(ms).toISOString().slice(11, 19)} UTC`;

/**
 * "embedded scrape …, last scrape 12 s ago: 200, 611 samples" or, while it fails, how old the data the
 * verdicts read is: "SLO data from 05:03:12 UTC, 65 s old; scrape failing since 05:03:27 UTC: … (last attempt 3 s ago)".
 */
export function sourceLine(report: SloReportJson, now: number): { text: string; problem: string | null } {
  const s = report.source;
  if (s.kind === "prometheus") return { text: s.label, problem: null };
  const last = s.scrape.last;
  if (!last) {
    const why = s.scrape.error ?? (s.scrape.role === "standby" ? `waiting for replica ${s.scrape.lease?.holder ?? "?"}` : "the first scrape has not finished");
    return { text: `${s.label}; no scrape yet`, problem: s.scrape.error ? `scrape failing: ${why}` : null };
  }
  const age = dataAge(report, now)!;
  if (!last.ok) {
    const since = age.failingSince !== null ? ` since ${clock(age.failingSince)}` : "";
    return { text: s.label, problem: `${dataFromText(age, now)}; scrape failing${since}: ${last.error ?? "unknown error"} (last attempt ${ago(now - last.at)})` };
  }
  const stale = now - last.at > 3 * s.scrape.intervalMs;
  const text = `${s.label}, last scrape ${ago(now - last.at)}: ${last.httpStatus ?? "?"}, ${count(last.samples)} samples (${count(last.kept)} for SLOs)`;
  return { text, problem: stale ? `${dataFromText(age, now)}; no scrape for ${ago(now - last.at).replace(" ago", "")}${s.scrape.error ? `: ${s.scrape.error}` : ""}` : null };
}
