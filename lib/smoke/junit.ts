import type { CheckResult, SmokeReport } from "@/lib/smoke/types";

// XML 1.0 cannot carry most control characters even escaped; bodies from a broken platform can.
const INVALID_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

export function xmlEscape(text: string): string {
  return text
    .replace(INVALID_XML, "\ufffd")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const secs = (ms: number) => (ms / 1000).toFixed(3);

function details(r: CheckResult): string {
  const seen = (r.seen ?? []).map((s) => {
    const answer = s.error ?? [s.status, s.contentType, s.location ? `→ ${s.location}` : "", s.totalMs !== undefined ? `${s.totalMs} ms` : ""].filter(Boolean).join(" ");
    return `${s.method} ${s.path}: ${answer}${s.excerpt ? `\n  ${s.excerpt}` : ""}`;
  });
  return [`${r.summary} (runbook ${r.runbookSection})`, ...seen].join("\n");
}

function testcase(r: CheckResult): string {
  const open = `    <testcase classname="smoke.${xmlEscape(r.surface)}" name="${xmlEscape(`${r.id}: ${r.title}`)}" time="${secs(r.durationMs)}"`;
  const text = xmlEscape(details(r));
  const message = xmlEscape(r.summary);
  if (r.verdict === "fail") return `${open}>\n      <failure message="${message}" type="fail">${text}</failure>\n    </testcase>`;
  if (r.verdict === "error") return `${open}>\n      <error message="${message}" type="error">${text}</error>\n    </testcase>`;
  return `${open}>\n      <system-out>${r.verdict === "warn" ? "WARNING: " : ""}${text}</system-out>\n    </testcase>`;
}

/** JUnit XML for CI: one testcase per check; warnings pass but say so in system-out. */
export function toJUnitXml(report: SmokeReport): string {
  const s = report.summary;
  const total = report.results.length;
  const time = secs(Date.parse(report.finishedAt) - Date.parse(report.startedAt));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="dotmac-smoke" tests="${total}" failures="${s.fail}" errors="${s.error}" time="${time}">`,
    `  <testsuite name="dotmac-smoke" tests="${total}" failures="${s.fail}" errors="${s.error}" skipped="0" timestamp="${xmlEscape(report.startedAt)}" time="${time}">`,
    ...report.results.map(testcase),
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
