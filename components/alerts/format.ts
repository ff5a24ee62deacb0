import type { AlertRecord } from "@/lib/store";

/** "2026-12-06 01:02:03 UTC": the console's 24-hour UTC times. */
export function utc(iso: string | null): string {
  return iso ? `${iso.slice(0, 19).replace("T", " ")} UTC` : "—";
}

export function sectionLabel(sections: string[]): string {
  return sections[0] === "general" ? "general" : `§${sections.join(", §")}`;
}

export function sectionHref(sections: string[]): string {
  return sections[0] === "general" ? "/runbook" : `/runbook#section-${sections[0]}`;
}

/** Labels other than the ones shown in their own columns. */
export function extraLabels(a: AlertRecord): [string, string][] {
  const shown = new Set(["alertname", "severity", "service"]);
  return Object.entries(a.labels).filter(([k]) => !shown.has(k)).sort(([x], [y]) => x.localeCompare(y));
}

export const severityTone = (s: string) => (s === "critical" || s === "page" ? "fail" : s === "warning" || s === "ticket" ? "warn" : "info");
