import type { Surface } from "@/lib/upstream/types";
import type { CodeBlock, Inline, Runbook, Step } from "./types";
import type { RunbookCheckName } from "./checks";
import { codeSpans } from "./inline";

/** What the UI mounts next to a runbook item; the Markdown itself is never changed. */
export type Widget =
  | { kind: "smoke" }
  | { kind: "health"; paths: string[] }
  | {
      kind: "bgops-request";
      method: "GET";
      surface: Surface;
      pathTemplate: string;
      placeholders: string[];
      query?: Record<string, string>;
    }
  | { kind: "slo-summary" }
  /** Runbook §6 "ensure alerts are configured": each SLO's alert rules judged able to fire or not. */
  | { kind: "alert-rules" }
  | { kind: "redis-keys"; patterns: string[] }
  /** Shown with a copy button; the console never executes it. */
  | { kind: "copy-command"; command: string }
  | { kind: "env-template"; variables: string[] }
  /** role: the label the runbook gives the contact ("Primary on-call"), to match configured contacts. */
  | { kind: "contacts"; role?: string }
  | { kind: "auth-check" }
  /** One named check of the smoke library, run server-side (lib/runbook/checks.ts). */
  | { kind: "check"; check: RunbookCheckName }
  | { kind: "surface-link"; surface: Surface; variable: string }
  | { kind: "none" };

export interface WidgetContext {
  /** Surfaces the console has a base URL for; requests to others stay plain text. Default: all four. */
  surfaces?: readonly Surface[];
  /** Title of the item's section, when known (otherwise the section slug is used). */
  sectionTitle?: string;
}

export const SURFACE_VARIABLES: Readonly<Record<string, Surface>> = {
  MGMT_API_URL: "mgmt",
  ADMIN_BASE_URL: "admin",
  RESELLER_BASE_URL: "reseller",
  TENANT_BASE_URL: "tenant",
};
/** The runbook's smoke-test variables: the ones the console itself is configured with. */
export const RUNBOOK_VARIABLES = [...Object.keys(SURFACE_VARIABLES), "TENANT_SLUG", "API_VERSION"] as const;

const ALL_SURFACES: readonly Surface[] = ["mgmt", "admin", "reseller", "tenant"];
const HEALTH_PATH = /^(?:\/api)?\/health(?:\/[a-z][a-z-]*)*\/?$/;
const HEALTH_IN_TEXT = /(?<![\w/])(?:\/api)?\/health(?:\/[a-z][a-z-]*)*(?![\w/-])/g;
const ALERTS_CONFIGURED = /\balerts?\b[^.]*\b(?:configured|in place|set up)\b/i;
const METRICS_IN_TEXT = /(?<![\w/])\/metrics(?![\w/-])/;
const REDIS_PATTERN = /^bgops:[\w:*{}.-]*$/;
const REDIS_IN_TEXT = /(?<![\w])bgops:[\w:*{}.-]+/g;
const VARIABLE_REF = /^\$\{?([A-Z][A-Z0-9_]*)\}?$/;
const REQUEST = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\$\{?([A-Z][A-Z0-9_]*)\}?(\/\S*)$/;
const SAFE_PATH = /^\/(?:[A-Za-z0-9_.-]+|\{[A-Za-z_][A-Za-z0-9_]*\})(?:\/(?:[A-Za-z0-9_.-]+|\{[A-Za-z_][A-Za-z0-9_]*\}))*$/;
const AUTH_CHECK = /\brefresh\b.*\broutes?\b|\b(?:time|clock)[ -]skew\b/i;
const ESCALATION = /contact|escalat/i;
const CLIENT_CHECK_PATH = /^\/api\/health\/client-check\/?$/;

/**
 * Steps whose text names a check of the smoke library run that check. Ordered; `section` narrows a rule to
 * sections whose title matches; `replaces` drops a generic widget the same words would otherwise give
 * ("/metrics exposure" is the metrics check, not the SLO summary). Add a row to map a new step.
 */
const STEP_CHECKS: { text: RegExp; section?: RegExp; check: RunbookCheckName; replaces?: Widget["kind"] }[] = [
  { text: /\/api\/health\/client-check\b|\btenant header mapping\b/i, check: "client-check" },
  { text: /\btenant header mapping\b/i, section: /isolation/i, check: "isolation" },
  { text: /\bbgops\b.*\binspection\b/i, check: "bgops" },
  { text: /\/metrics\b.*\bexposure\b/i, check: "metrics", replaces: "slo-summary" },
  { text: /\b(?:OpenBao|Vault)\b/, check: "vault" },
  { text: /\bJWT at (?:the )?edge\b|\bmTLS\b/i, check: "edge" },
];
const SHELL_LANGS = new Set(["sh", "bash", "shell", "zsh", "console", "shellsession", "text", "txt"]);
const KNOWN_COMMANDS = new Set([
  "make", "alembic", "kubectl", "helm", "docker", "podman", "curl", "wget", "psql", "redis-cli", "systemctl",
  "journalctl", "git", "npm", "npx", "pnpm", "yarn", "python", "python3", "pip", "bash", "sh", "sudo", "export",
  "vault", "bao", "terraform", "ssh", "openssl", "dig", "nslookup", "ping", "aws", "gcloud", "az", "nginx",
  "tail", "grep", "cat", "ls", "cd", "kill", "service", "celery", "uvicorn", "gunicorn", "pg_dump", "pg_restore",
]);

/** Live widgets for a step or a code block, in the order their triggers appear; `[{ kind: "none" }]` if none. */
export function widgetFor(item: Step | CodeBlock, ctx: WidgetContext = {}): Widget[] {
  const out = new Collector();
  if (item.kind === "code") fromCodeBlock(item, out);
  else fromStep(item, ctx, out);
  return out.list();
}

/** Every item's widgets keyed by step or code-block id (only items with at least one live widget). */
export function widgetsForRunbook(runbook: Runbook, ctx: Omit<WidgetContext, "sectionTitle"> = {}): Record<string, Widget[]> {
  const out: Record<string, Widget[]> = {};
  for (const section of runbook.sections) {
    const items: (Step | CodeBlock)[] = [...section.steps, ...section.steps.flatMap((s) => s.codeBlocks), ...section.codeBlocks];
    for (const item of items) {
      const widgets = widgetFor(item, { ...ctx, sectionTitle: section.title });
      if (widgets[0]?.kind !== "none") out[item.id] = widgets;
    }
  }
  return out;
}

function fromStep(step: Step, ctx: WidgetContext, out: Collector): void {
  const surfaces = ctx.surfaces ?? ALL_SURFACES;
  for (const span of codeSpans(step.inline)) fromCodeSpan(span.trim(), surfaces, out);
  const prose = proseText(step.inline);
  for (const m of prose.matchAll(HEALTH_IN_TEXT)) if (!CLIENT_CHECK_PATH.test(m[0])) out.health(m[0]);
  if (METRICS_IN_TEXT.test(prose)) out.add({ kind: "slo-summary" });
  if (ALERTS_CONFIGURED.test(step.text)) out.add({ kind: "alert-rules" });
  for (const m of prose.matchAll(REDIS_IN_TEXT)) out.redis(m[0]);
  if (AUTH_CHECK.test(step.text)) out.add({ kind: "auth-check" });
  for (const rule of STEP_CHECKS) {
    if (!rule.text.test(step.text) || (rule.section && !rule.section.test(ctx.sectionTitle ?? step.sectionId))) continue;
    if (rule.replaces) out.remove(rule.replaces);
    out.add({ kind: "check", check: rule.check });
  }
  if (ESCALATION.test(ctx.sectionTitle ?? step.sectionId)) {
    const role = /^([^:]{1,60}):/.exec(step.text)?.[1]?.trim();
    out.add(role ? { kind: "contacts", role } : { kind: "contacts" });
  }
  for (const block of step.codeBlocks) fromCodeBlock(block, out);
}

function fromCodeSpan(span: string, surfaces: readonly Surface[], out: Collector): void {
  const request = REQUEST.exec(span);
  if (request) return fromRequest(request[1] ?? "", request[2] ?? "", request[3] ?? "", surfaces, out);
  const variable = VARIABLE_REF.exec(span)?.[1];
  const surface = variable === undefined ? undefined : SURFACE_VARIABLES[variable];
  if (variable !== undefined && surface !== undefined && span.startsWith("$")) {
    return out.add({ kind: "surface-link", surface, variable });
  }
  if ((RUNBOOK_VARIABLES as readonly string[]).includes(span)) return out.envVariable(span);
  // The client check echoes headers; it is not a health probe (STEP_CHECKS gives it its own check).
  if (CLIENT_CHECK_PATH.test(span)) return;
  if (HEALTH_PATH.test(span)) return out.health(span);
  if (/^(?:\$\{?MGMT_API_URL\}?)?\/metrics\/?$/.test(span)) return out.add({ kind: "slo-summary" });
  if (REDIS_PATTERN.test(span)) return out.redis(span);
  const command = asCommand(span);
  if (command === undefined) return;
  out.add(/^make\s+smoke\b/.test(command) ? { kind: "smoke" } : { kind: "copy-command", command });
}

function fromRequest(method: string, variable: string, target: string, surfaces: readonly Surface[], out: Collector): void {
  const surface = SURFACE_VARIABLES[variable];
  const [path = "", search] = target.split("?", 2);
  if (method !== "GET") return out.add({ kind: "copy-command", command: `${method} \${${variable}}${target}` });
  if (surface === undefined || !surfaces.includes(surface)) return;
  if (CLIENT_CHECK_PATH.test(path)) return out.add({ kind: "check", check: "client-check" });
  if (HEALTH_PATH.test(path)) return out.health(path);
  if (surface === "mgmt" && /^\/metrics\/?$/.test(path)) return out.add({ kind: "slo-summary" });
  if (!/^\/api\/v\d+\/bgops(?:\/|$)/.test(path) || !SAFE_PATH.test(path) || path.split("/").includes("..")) return;
  const query = search === undefined ? undefined : Object.fromEntries(new URLSearchParams(search));
  const placeholders = [...target.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1] ?? "");
  const widget: Widget = { kind: "bgops-request", method: "GET", surface, pathTemplate: path, placeholders: [...new Set(placeholders)] };
  if (query && Object.keys(query).length) widget.query = query;
  out.add(widget);
}

function fromCodeBlock(block: CodeBlock, out: Collector): void {
  if (block.lang !== null && !SHELL_LANGS.has(block.lang.toLowerCase())) return;
  const commands: string[] = [];
  for (const raw of block.value.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const assigned = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=/.exec(line)?.[1];
    if (assigned !== undefined) out.envVariable(assigned);
    else if (/^(?:\$\s+)?make\s+smoke\b/.test(line)) out.add({ kind: "smoke" });
    else commands.push(line.replace(/^\$\s+/, ""));
  }
  if (commands.length) out.add({ kind: "copy-command", command: commands.join("\n") });
}

/** A code span reads as a shell command when it starts with a prompt, a known tool, or a word then a flag. */
function asCommand(span: string): string | undefined {
  const command = span.replace(/^\$\s+/, "");
  const words = command.split(/\s+/);
  const first = words[0] ?? "";
  if (span.startsWith("$ ") && command) return command;
  if (KNOWN_COMMANDS.has(first) && (words.length > 1 || first === "make")) return command;
  if (/^[a-z][a-z0-9_.-]*$/.test(first) && words.slice(1).some((w) => /^--?[a-z0-9]/i.test(w))) return command;
  return undefined;
}

/** Text outside code spans: paths written in code spans were already judged whole. */
function proseText(items: readonly Inline[]): string {
  let s = "";
  for (const item of items) {
    if (item.type === "text") s += item.value;
    else if (item.type === "code" || item.type === "break") s += " ";
    else s += proseText(item.children);
  }
  return s;
}

class Collector {
  private readonly items: Widget[] = [];
  add(widget: Widget): void {
    const key = JSON.stringify(widget);
    if (!this.items.some((w) => JSON.stringify(w) === key)) this.items.push(widget);
  }
  remove(kind: Widget["kind"]): void {
    for (let i = this.items.length - 1; i >= 0; i--) if (this.items[i]?.kind === kind) this.items.splice(i, 1);
  }
  health(path: string): void {
    this.merge("health", (w) => w.paths, path, { kind: "health", paths: [path] });
  }
  redis(pattern: string): void {
    this.merge("redis-keys", (w) => w.patterns, pattern, { kind: "redis-keys", patterns: [pattern] });
  }
  envVariable(name: string): void {
    this.merge("env-template", (w) => w.variables, name, { kind: "env-template", variables: [name] });
  }
  list(): Widget[] {
    return this.items.length ? this.items : [{ kind: "none" }];
  }
  private merge<K extends "health" | "redis-keys" | "env-template">(
    kind: K,
    values: (w: Extract<Widget, { kind: K }>) => string[],
    value: string,
    fresh: Extract<Widget, { kind: K }>,
  ): void {
    const existing = this.items.find((w): w is Extract<Widget, { kind: K }> => w.kind === kind);
    if (!existing) this.items.push(fresh);
    else if (!values(existing).includes(value)) values(existing).push(value);
  }
}
