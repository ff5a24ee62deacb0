import { ago, count } from "@/components/slo/format";
import type { SloReportJson } from "@/components/slo/types";

/** "embedded scrape …, last scrape 12 s ago: 200, 611 samples" or "scrape failing: …". */
export function sourceLine(report: SloReportJson, now: number): { text: string; problem: string | null } {
  const s = report.source;
  if (s.kind === "prometheus") return { text: s.label, problem: null };
  const last = s.scrape.last;
  if (!last) {
    const why = s.scrape.error ?? (s.scrape.role === "standby" ? `waiting for replica ${s.scrape.lease?.holder ?? "?"}` : "the first scrape has not finished");
    return { text: `${s.label}; no scrape yet`, problem: s.scrape.error ? `scrape failing: ${why}` : null };
  }
  const stale = now - last.at > 3 * s.scrape.intervalMs;
  if (!last.ok) return { text: s.label, problem: `scrape failing: ${last.error ?? "unknown error"} (last attempt ${ago(now - last.at)})` };
  const text = `${s.label}, last scrape ${ago(now - last.at)}: ${last.httpStatus ?? "?"}, ${count(last.samples)} samples (${count(last.kept)} for SLOs)`;
  return { text, problem: stale ? `no scrape for ${ago(now - last.at).replace(" ago", "")}${s.scrape.error ? `: ${s.scrape.error}` : ""}` : null };
}
