import { z } from "zod";
import { parseSeverityList } from "../alerts/policy";
import type { ConfigProblem } from "@/lib/config/platform-env";

/** The console's own settings (not the platform's). Pure, so the start script can validate before building. */
export interface ConsoleEnv {
  /** Demo users (viewer/responder/admin, password "demo") may sign in; says nothing about the platform. */
  demo: boolean;
  /** The start script started the built-in simulator and pointed the console at it: the platform is simulated. */
  simulated: boolean;
  authSecret: string | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  prometheusUrl: string | undefined;
  /** ALERT_RULE_FILES: rule files (paths or globs) judged when Prometheus is not configured. */
  alertRuleFiles: string[];
  runbookPath: string | undefined;
  usersFile: string | undefined;
  metricsToken: string | undefined;
  coalesceMs: number;
  stuckAfterMs: number;
  sessionHours: number;
  scrapeIntervalMs: number;
  retentionDays: number;
  /** Bearer token Alertmanager sends to /api/alerts/alertmanager; unset = receiver disabled. */
  alertmanagerToken: string | undefined;
  /** ALERT_RUNBOOK_MAP: file of alertname pattern → runbook section rules (relative to the working directory). */
  alertRunbookMap: string | undefined;
  /** Alert severities that open or join an incident; others are only listed. */
  alertIncidentSeverities: string[];
  notifyWebhookUrl: string | undefined;
  notifyJsonWebhookUrl: string | undefined;
  /** First retry delay of a failed notification; doubles per attempt. */
  notifyRetryBaseMs: number;
  /** Proxy hops in front of the console whose X-Forwarded-For entries are believed (0: the socket's address). */
  trustedProxies: number;
  oidc: { issuer: string; clientId: string; clientSecret: string; groupsClaim: string; roleMap: Record<string, string> } | undefined;
}

const num = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return fallback;
      const n = Number(v);
      if (!Number.isFinite(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `must be a number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const url = (protocols: string[]) =>
  z
    .string()
    .optional()
    .refine((v) => {
      if (!v) return true;
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    }, `must be a URL starting with ${protocols.join(" or ")}//`);

const schema = z.object({
  CONSOLE_DEMO: z.enum(["0", "1", "true", "false", ""], { error: "must be 1 or 0" }).optional(),
  CONSOLE_SIMULATOR: z.enum(["0", "1", ""], { error: "is set by the start script only; unset it" }).optional(),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
  DATA_DIR: z.string().optional(),
  DATABASE_URL: url(["postgres:", "postgresql:"]),
  REDIS_URL: url(["redis:", "rediss:"]),
  PROMETHEUS_URL: url(["http:", "https:"]),
  ALERT_RULE_FILES: z.string().optional(),
  RUNBOOK_PATH: z.string().optional(),
  CONSOLE_USERS_FILE: z.string().optional(),
  CONSOLE_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  COALESCE_MS: num("COALESCE_MS", 0, 60_000, 2_000),
  STUCK_AFTER_MINUTES: num("STUCK_AFTER_MINUTES", 1, 7 * 24 * 60, 15),
  SESSION_HOURS: num("SESSION_HOURS", 1, 72, 12),
  SCRAPE_INTERVAL_S: num("SCRAPE_INTERVAL_S", 5, 3600, 15),
  RETENTION_DAYS: num("RETENTION_DAYS", 1, 90, 7),
  ALERTMANAGER_WEBHOOK_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  ALERT_RUNBOOK_MAP: z.string().optional(),
  ALERT_INCIDENT_SEVERITIES: z.string().regex(/^[A-Za-z0-9_,\s-]*$/, "must be a comma-separated list such as critical,page").optional(),
  NOTIFY_WEBHOOK_URL: url(["https:", "http:"]),
  NOTIFY_JSON_WEBHOOK_URL: url(["https:", "http:"]),
  NOTIFY_RETRY_BASE_MS: num("NOTIFY_RETRY_BASE_MS", 10, 60_000, 1_000),
  TRUSTED_PROXIES: num("TRUSTED_PROXIES", 0, 10, 0).refine(Number.isInteger, "must be a whole number of proxy hops"),
  OIDC_ISSUER: url(["https:", "http:"]),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_GROUPS_CLAIM: z.string().optional(),
  OIDC_ROLE_MAP: z.string().optional(),
});

const FIXES: Record<string, string> = {
  NEXTAUTH_SECRET: "generate one with `openssl rand -base64 32`",
  DATABASE_URL: "use postgres://user:pass@host:5432/db, or unset it to use the embedded SQLite store",
  REDIS_URL: "use redis://host:6379/0, or unset it",
  PROMETHEUS_URL: "use http(s)://prometheus:9090, or unset it",
  ALERTMANAGER_WEBHOOK_TOKEN: "generate one with `openssl rand -hex 24` and put the same in Alertmanager's http_config",
  NOTIFY_WEBHOOK_URL: "use the Slack (or compatible) incoming-webhook URL, or unset it",
  TRUSTED_PROXIES: "set the number of reverse proxies in front of the console (0 when browsers connect directly)",
  OIDC_ROLE_MAP: "use group=role pairs, e.g. sre-admins=admin,sre=responder",
};

export function parseConsoleEnv(
  env: Record<string, string | undefined>,
): { ok: true; value: ConsoleEnv } | { ok: false; problems: ConfigProblem[] } {
  const parsed = schema.safeParse(env);
  const problems: ConfigProblem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const variable = String(issue.path[0] ?? "configuration");
      const secret = /SECRET|TOKEN/.test(variable);
      problems.push({ variable, value: secret ? "(hidden)" : env[variable], problem: issue.message, fix: FIXES[variable] ?? "correct or unset it" });
    }
    return { ok: false, problems };
  }
  const v = parsed.data;
  let oidc: ConsoleEnv["oidc"];
  if (v.OIDC_ISSUER) {
    if (!v.OIDC_CLIENT_ID || !v.OIDC_CLIENT_SECRET) {
      problems.push({ variable: v.OIDC_CLIENT_ID ? "OIDC_CLIENT_SECRET" : "OIDC_CLIENT_ID", value: undefined, problem: "is required when OIDC_ISSUER is set", fix: "set it from your identity provider, or unset OIDC_ISSUER" });
    }
    const roleMap: Record<string, string> = {};
    for (const pair of (v.OIDC_ROLE_MAP ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
      const [group, role] = pair.split("=").map((s) => s.trim());
      if (!group || !role || !["viewer", "responder", "admin"].includes(role)) {
        problems.push({ variable: "OIDC_ROLE_MAP", value: v.OIDC_ROLE_MAP, problem: `has a bad pair "${pair}"`, fix: FIXES.OIDC_ROLE_MAP! });
      } else roleMap[group] = role;
    }
    oidc = { issuer: v.OIDC_ISSUER, clientId: v.OIDC_CLIENT_ID ?? "", clientSecret: v.OIDC_CLIENT_SECRET ?? "", groupsClaim: v.OIDC_GROUPS_CLAIM ?? "groups", roleMap };
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: {
      demo: v.CONSOLE_DEMO === "1" || v.CONSOLE_DEMO === "true",
      simulated: v.CONSOLE_SIMULATOR === "1",
      authSecret: v.NEXTAUTH_SECRET,
      dataDir: v.DATA_DIR || "./.data",
      databaseUrl: v.DATABASE_URL || undefined,
      redisUrl: v.REDIS_URL || undefined,
      prometheusUrl: v.PROMETHEUS_URL || undefined,
      alertRuleFiles: (v.ALERT_RULE_FILES ?? "").split(",").map((f) => f.trim()).filter(Boolean),
      runbookPath: v.RUNBOOK_PATH || undefined,
      usersFile: v.CONSOLE_USERS_FILE || undefined,
      metricsToken: v.CONSOLE_METRICS_TOKEN,
      coalesceMs: v.COALESCE_MS,
      stuckAfterMs: v.STUCK_AFTER_MINUTES * 60_000,
      sessionHours: v.SESSION_HOURS,
      scrapeIntervalMs: v.SCRAPE_INTERVAL_S * 1000,
      retentionDays: v.RETENTION_DAYS,
      alertmanagerToken: v.ALERTMANAGER_WEBHOOK_TOKEN || undefined,
      alertRunbookMap: v.ALERT_RUNBOOK_MAP || undefined,
      alertIncidentSeverities: parseSeverityList(v.ALERT_INCIDENT_SEVERITIES),
      notifyWebhookUrl: v.NOTIFY_WEBHOOK_URL || undefined,
      notifyJsonWebhookUrl: v.NOTIFY_JSON_WEBHOOK_URL || undefined,
      notifyRetryBaseMs: v.NOTIFY_RETRY_BASE_MS,
      trustedProxies: v.TRUSTED_PROXIES,
      oidc,
    },
  };
}
