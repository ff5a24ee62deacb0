/**
 * Which runbook section an alert is about. In order: a `runbook_section` label or annotation, the anchor of
 * a `runbook_url` annotation, the ALERT_RUNBOOK_MAP rules (alertname pattern → sections), the shipped
 * defaults for the platform's own alert names; otherwise the general section. An alert is never dropped.
 */
import { parse } from "yaml";
import { z } from "zod";

export const GENERAL_SECTION = "general";

export interface RunbookMapRule {
  /** Regular expression, fully anchored, tested against the alertname. */
  alertname: string;
  /** Section numbers, the one to start with first. */
  sections: string[];
}

export interface SectionMapping {
  sections: string[];
  source: "label" | "annotation" | "runbook_url" | "map" | "default" | "general";
}

/**
 * The platform's alert names (business_slo_alerts.yml) and the usual infrastructure ones. Login → §3 then §6,
 * provisioning → §5 then §6, 5xx → §6, database / Redis / a service down → §2 (health and readiness).
 */
export const DEFAULT_RUNBOOK_MAP: readonly RunbookMapRule[] = [
  { alertname: "(Customer)?Login.*", sections: ["3", "6"] },
  { alertname: "(Service)?Provisioning.*", sections: ["5", "6"] },
  { alertname: "(ISP)?HTTPErrorRate.*|.*5xx.*", sections: ["6"] },
  { alertname: ".*(Database|Postgres|Redis|Mysql|DB).*|ServiceDown", sections: ["2"] },
];

const section = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = normaliseSection(String(v));
  if (!n) {
    ctx.addIssue({ code: "custom", message: `"${v}" is not a runbook section (use a number such as 3, or "general")` });
    return z.NEVER;
  }
  return n;
});
const zMapFile = z.object({
  rules: z.array(
    z.object({
      alertname: z.string().min(1).refine((re) => {
        try {
          new RegExp(`^(?:${re})$`);
          return true;
        } catch {
          return false;
        }
      }, "not a valid regular expression"),
      sections: z.array(section).min(1).optional(),
      section: section.optional(),
    }).refine((r) => r.sections || r.section, "needs section or sections"),
  ),
});

/** Parses an ALERT_RUNBOOK_MAP file (YAML or JSON): `rules: [{ alertname: "Login.*", sections: [3, 6] }]`. */
export function parseRunbookMap(text: string): { ok: true; rules: RunbookMapRule[] } | { ok: false; error: string } {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    return { ok: false, error: `not YAML: ${(err as Error).message.split("\n")[0]}` };
  }
  const parsed = zMapFile.safeParse(doc);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    return { ok: false, error: `${i.path.join(".") || "file"}: ${i.message}` };
  }
  return { ok: true, rules: parsed.data.rules.map((r) => ({ alertname: r.alertname, sections: r.sections ?? [r.section!] })) };
}

/** "3", "§3", "section-3", "3) Authentication" → "3"; "general" → "general"; else null. */
export function normaliseSection(v: string): string | null {
  const t = v.trim().toLowerCase();
  if (t === GENERAL_SECTION) return GENERAL_SECTION;
  const m = /^(?:§\s*|section[-\s]?)?(\d{1,2})(?:\)|\.|\s|$)/.exec(t);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= 99 ? String(n) : null;
}

function fromUrl(url: string | undefined): string | null {
  if (!url) return null;
  const hash = url.split("#")[1];
  if (!hash) return null;
  // #section-3 (the console's own anchors) or a heading slug such as #3-authentication-tokens.
  const m = /^(?:section-)?(\d{1,2})(?:-|$)/.exec(decodeURIComponent(hash).toLowerCase());
  return m ? String(Number(m[1])) : null;
}

export function mapAlertToRunbook(
  alert: { labels: Record<string, string>; annotations: Record<string, string> },
  rules: readonly RunbookMapRule[] = [],
): SectionMapping {
  const label = alert.labels.runbook_section && normaliseSection(alert.labels.runbook_section);
  if (label) return { sections: [label], source: "label" };
  const annotation = alert.annotations.runbook_section && normaliseSection(alert.annotations.runbook_section);
  if (annotation) return { sections: [annotation], source: "annotation" };
  const url = fromUrl(alert.annotations.runbook_url ?? alert.labels.runbook_url);
  if (url) return { sections: [url], source: "runbook_url" };
  const name = alert.labels.alertname ?? "";
  for (const [list, source] of [[rules, "map"], [DEFAULT_RUNBOOK_MAP, "default"]] as const) {
    const hit = list.find((r) => new RegExp(`^(?:${r.alertname})$`).test(name));
    if (hit) return { sections: [...hit.sections], source };
  }
  return { sections: [GENERAL_SECTION], source: "general" };
}
