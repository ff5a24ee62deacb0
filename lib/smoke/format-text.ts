import type { CheckResult, SmokeReport, Verdict } from "@/lib/smoke/types";

const LABEL: Record<Verdict, string> = { pass: "PASS", warn: "WARN", fail: "FAIL", error: "ERROR" };
const COLOUR: Record<Verdict, string> = { pass: "\x1b[32m", warn: "\x1b[33m", fail: "\x1b[31m", error: "\x1b[35m" };
const RESET = "\x1b[0m";

/** The platform script's counting: a warning is OK (and listed), an error is a FAIL. */
export function okFailCounts(report: SmokeReport): { ok: number; fail: number } {
  const s = report.summary;
  return { ok: s.pass + s.warn, fail: s.fail + s.error };
}

function pad(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - text.length));
}

/** One aligned line per check: verdict, surface, check, what was seen, runbook section. */
export function formatTable(results: CheckResult[], colour: boolean): string {
  const head = { verdict: "VERDICT", surface: "SURFACE", check: "CHECK", section: "RUNBOOK" };
  const w = {
    verdict: Math.max(head.verdict.length, ...results.map((r) => LABEL[r.verdict].length)),
    surface: Math.max(head.surface.length, ...results.map((r) => r.surface.length)),
    check: Math.max(head.check.length, ...results.map((r) => r.id.length)),
    section: head.section.length,
  };
  const line = (verdict: string, shownVerdict: string, surface: string, check: string, section: string, seen: string) =>
    `${shownVerdict}${" ".repeat(Math.max(0, w.verdict - verdict.length))}  ${pad(surface, w.surface)}  ${pad(check, w.check)}  ${pad(section, w.section)}  ${seen}`.trimEnd();
  const rows = results.map((r) => {
    const label = LABEL[r.verdict];
    const shown = colour ? `${COLOUR[r.verdict]}${label}${RESET}` : label;
    return line(label, shown, r.surface, r.id, r.runbookSection, r.summary);
  });
  return [line(head.verdict, head.verdict, head.surface, head.check, head.section, "WHAT WAS SEEN"), ...rows].join("\n");
}

export function formatResultsLine(report: SmokeReport): string {
  const { ok, fail } = okFailCounts(report);
  return `=== Results: ${ok} OK, ${fail} FAIL ===`;
}

/** Table, warnings named under it, and the platform script's results line. */
export function formatReport(report: SmokeReport, colour: boolean): string {
  const warned = report.results.filter((r) => r.verdict === "warn").map((r) => r.id);
  const p = report.platform;
  const lines = [
    `Smoke test of ${p.baseUrls.mgmt} (admin ${p.baseUrls.admin}, reseller ${p.baseUrls.reseller}, tenant ${p.baseUrls.tenant}), tenant ${p.tenantSlug}, API ${p.apiVersion}`,
    "",
    formatTable(report.results, colour),
    "",
  ];
  if (warned.length) lines.push(`Warnings (counted as OK): ${warned.join(", ")}`);
  lines.push(formatResultsLine(report));
  return lines.join("\n");
}
