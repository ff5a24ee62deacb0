import type { Runbook } from "@/lib/runbook/types";
import type { Widget } from "@/lib/runbook/widgets";

/** One runbook variable as the console has it: secrets masked, null when the console does not have it. */
export interface EnvValue {
  name: string;
  value: string | null;
  secret: boolean;
  /** "platform" for the console's own settings, "unknown" for names the console never reads. */
  origin: "platform" | "console" | "unknown";
}

export interface Contact {
  label: string;
  value: string;
}

/** Everything the runbook page needs, computed on the server and serialisable to the client. */
export interface RunbookView {
  runbook: Runbook;
  source: string;
  widgets: Record<string, Widget[]>;
  env: Record<string, EnvValue>;
  contacts: Contact[];
  contactsSource: "ONCALL_CONTACTS" | "runbook";
  contactProblems: string[];
  redisConfigured: boolean;
  tenant: string;
  baseUrls: Record<string, string>;
}

/** What a live widget hands to the incident page when a responder attaches its result as evidence. */
export interface EvidenceDraft {
  kind: "smoke" | "health" | "bgops" | "auth-check" | "check";
  title: string;
  payload: Record<string, unknown>;
}

export type EvidenceSink = (draft: EvidenceDraft) => Promise<void>;
/** Evidence from any item of a section, attached to that item's step. */
export type ItemEvidenceSink = (draft: EvidenceDraft, itemId: string) => Promise<void>;

/** `#section-2` for "2) Health & Readiness"; unnumbered sections use their slug. */
export function sectionAnchor(section: { number?: string; slug: string }): string {
  return `section-${section.number ?? section.slug}`;
}
