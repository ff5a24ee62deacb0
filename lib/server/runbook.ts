import "server-only";
import { authorize } from "@/lib/server/access";
import type { Contact, EnvValue, RunbookView } from "@/components/runbook/view-types";
import { classifyBgopsAnswer, type BgopsSignature } from "@/lib/domain/bgops-signature";
import { getEnv } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import { bgopsOperationFor, type BgopsOperation } from "@/lib/runbook/bgops-request";
import { isSecretVariable, maskEnvValue } from "@/lib/runbook/env-mask";
import { loadRunbook } from "@/lib/runbook/load";
import type { Runbook } from "@/lib/runbook/types";
import { widgetsForRunbook, type Widget } from "@/lib/runbook/widgets";
import { getPlatformClient } from "@/lib/server/platform";
import type { RunbookCheckName } from "@/lib/runbook/checks";
import { authRefreshChecks } from "@/lib/smoke/checks/auth-refresh";
import { bgopsChecks } from "@/lib/smoke/checks/bgops";
import { clientChecks } from "@/lib/smoke/checks/client-check";
import { edgeChecks } from "@/lib/smoke/checks/edge";
import { isolationChecks } from "@/lib/smoke/checks/isolation";
import { metricsCheck } from "@/lib/smoke/checks/metrics";
import { vaultCheck } from "@/lib/smoke/checks/vault";
import { clockSkewChecks } from "@/lib/smoke/checks/clock-skew";
import type { CheckDef } from "@/lib/smoke/context";
import { runCheck } from "@/lib/smoke/run-check";
import type { CheckResult } from "@/lib/smoke/types";
import { excerptOf, mediaTypeOf } from "@/lib/upstream/errors";
import { bgopsPaths } from "@/lib/upstream/paths";

const MAX_CONTACTS = 20;

/**
 * ONCALL_CONTACTS="Primary on-call=Platform SRE (Slack: #ops-oncall);Secondary=App Team Lead".
 * Bad entries are reported, not guessed at; control characters never reach the page.
 */
export function parseContacts(text: string | undefined): { contacts: Contact[]; problems: string[] } {
  const contacts: Contact[] = [];
  const problems: string[] = [];
  if (!text || text.trim() === "") return { contacts, problems };
  const entries = text.split(";").map((s) => s.trim()).filter(Boolean);
  for (const [i, entry] of entries.entries()) {
    const eq = entry.indexOf("=");
    const label = clean(eq === -1 ? "" : entry.slice(0, eq));
    const value = clean(eq === -1 ? entry : entry.slice(eq + 1));
    if (!label || !value) problems.push(`entry ${i + 1} is not "Label=Contact"`);
    else if (label.length > 60 || value.length > 200) problems.push(`entry ${i + 1} is too long (label ≤ 60, contact ≤ 200 characters)`);
    else if (contacts.length >= MAX_CONTACTS) problems.push(`more than ${MAX_CONTACTS} contacts; the rest are ignored`);
    else contacts.push({ label, value });
  }
  return { contacts, problems: [...new Set(problems)] };
}

function clean(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, " ").replace(/\s+/g, " ").trim();
}

/** "Primary on-call: Platform SRE (Slack: #ops-oncall)" items of the escalation section, as the default list. */
export function contactsFromRunbook(runbook: Runbook): Contact[] {
  const section = runbook.sections.find((s) => /contact|escalat/i.test(s.title));
  if (!section) return [];
  return section.steps.filter((s) => s.depth === 0).map((s) => {
    const m = /^([^:]{1,60}):\s*(.+)$/.exec(s.text);
    return m?.[1] && m[2] ? { label: m[1].trim(), value: m[2].trim() } : { label: "Contact", value: s.text };
  });
}

const CONSOLE_VARIABLES = new Set(["MGMT_API_TOKEN", "REDIS_URL", "PROMETHEUS_URL", "DATABASE_URL", "RUNBOOK_PATH", "VAULT_ADDR", "DATA_DIR"]);

/** Values for the env-template widget: only settings the console itself reads; anything else is never looked up. */
export function envValues(names: Iterable<string>, env: Record<string, string | undefined> = process.env): Record<string, EnvValue> {
  const { platform } = getEnv();
  const known: Record<string, string> = {
    ADMIN_BASE_URL: platform.baseUrls.admin,
    RESELLER_BASE_URL: platform.baseUrls.reseller,
    TENANT_BASE_URL: platform.baseUrls.tenant,
    MGMT_API_URL: platform.baseUrls.mgmt,
    TENANT_SLUG: platform.tenantSlug,
    API_VERSION: platform.apiVersion,
  };
  const out: Record<string, EnvValue> = {};
  for (const name of names) {
    const secret = isSecretVariable(name);
    if (name in known) out[name] = { name, value: maskEnvValue(name, known[name]) ?? null, secret, origin: "platform" };
    else if (CONSOLE_VARIABLES.has(name)) out[name] = { name, value: maskEnvValue(name, env[name] || undefined) ?? null, secret, origin: "console" };
    else out[name] = { name, value: null, secret, origin: "unknown" };
  }
  return out;
}

export async function getRunbookView(): Promise<RunbookView> {
  await authorize("viewer");
  const { platform, console: c } = getEnv();
  const { runbook, source } = await loadRunbook(c.runbookPath);
  const widgets = widgetsForRunbook(runbook);
  const names = new Set<string>(["MGMT_API_TOKEN"]);
  for (const list of Object.values(widgets)) for (const w of list) if (w.kind === "env-template") w.variables.forEach((v) => names.add(v));
  const configured = parseContacts(process.env.ONCALL_CONTACTS);
  return {
    runbook,
    source,
    widgets,
    env: envValues(names),
    contacts: configured.contacts.length ? configured.contacts : contactsFromRunbook(runbook),
    contactsSource: configured.contacts.length ? "ONCALL_CONTACTS" : "runbook",
    contactProblems: configured.problems,
    redisConfigured: Boolean(c.redisUrl),
    tenant: platform.tenantSlug,
    baseUrls: { ...platform.baseUrls },
  };
}

type BgopsWidget = Extract<Widget, { kind: "bgops-request" }>;

/** The request template comes from the runbook (found by item id), never from the browser. */
export async function findBgopsWidget(itemId: string, pathTemplate: string): Promise<BgopsWidget> {
  const { runbook } = await loadRunbook(getEnv().console.runbookPath);
  const widget = (widgetsForRunbook(runbook)[itemId] ?? []).find(
    (w): w is BgopsWidget => w.kind === "bgops-request" && w.pathTemplate === pathTemplate,
  );
  if (!widget) throw new ApiError("not_found", "That runbook step has no such bgops request (the runbook may have changed; reload the page).");
  return widget;
}

function pathFor(op: BgopsOperation): string {
  switch (op.op) {
    case "idempotency-list":
      return bgopsPaths.idempotencyList(op.limit);
    case "idempotency-key":
      return bgopsPaths.idempotencyKey(op.key);
    case "saga":
      return bgopsPaths.saga(op.sagaId);
    case "saga-history":
      return bgopsPaths.sagaHistory(op.sagaId);
  }
}

export interface BgopsAnswer {
  operation: BgopsOperation;
  path: string;
  status: number;
  contentType: string;
  excerpt: string;
  truncated: boolean;
  totalMs: number;
  at: string;
  /** The failure named the way the saga, key and smoke pages name it; null for an ordinary answer. */
  signature: BgopsSignature | null;
  hasRedis: boolean;
}

/** One GET of the four bgops reads; any HTTP status is an answer to show, not an error. */
export async function runBgopsRequest(widget: BgopsWidget, values: Record<string, string>): Promise<BgopsAnswer> {
  const parsed = bgopsOperationFor(widget, values);
  if (!parsed.ok) throw new ApiError("validation_failed", parsed.reason);
  const path = pathFor(parsed.value);
  const obs = await getPlatformClient().probe("mgmt", path, { method: "GET" });
  const signature = classifyBgopsAnswer(obs);
  return {
    operation: parsed.value,
    path,
    status: obs.status,
    contentType: mediaTypeOf(obs.contentType),
    excerpt: excerptOf(obs.bodyText, 2000),
    truncated: obs.truncated || obs.bodyText.length > 2000,
    totalMs: Math.round(obs.totalMs),
    at: new Date().toISOString(),
    signature: signature.code === "other" ? null : signature,
    hasRedis: Boolean(getEnv().console.redisUrl),
  };
}

/** Runbook §3: the refresh routes and clock skew, the auth-path subset of the smoke test. */
export async function runAuthChecks(): Promise<CheckResult[]> {
  const client = getPlatformClient();
  const timeoutMs = client.config.timeoutMs;
  return Promise.all([...authRefreshChecks, ...clockSkewChecks].map((def) => runCheck(def, { client, timeoutMs, now: Date.now })));
}

const NAMED_CHECKS: Record<RunbookCheckName, CheckDef[]> = {
  "client-check": clientChecks,
  bgops: bgopsChecks,
  metrics: [metricsCheck()],
  vault: [vaultCheck],
  isolation: isolationChecks,
  edge: edgeChecks,
};

/** One named check of the smoke library, as a runbook step runs it; the caller has checked the role. */
export async function runRunbookCheck(name: RunbookCheckName): Promise<CheckResult[]> {
  const client = getPlatformClient();
  const { platform } = getEnv();
  const vault = platform.vaultAddr ? { addr: platform.vaultAddr, fetch: globalThis.fetch } : undefined;
  const timeoutMs = client.config.timeoutMs;
  return Promise.all(NAMED_CHECKS[name].map((def) => runCheck(def, { client, timeoutMs, now: Date.now, vault })));
}
