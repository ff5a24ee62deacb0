import { z } from "zod";
import type { Surface } from "@/lib/upstream/types";

/**
 * The runbook's variables (appendix block) plus the console's platform options.
 * Pure: used by the web server (lib/env.ts), the smoke CLI and the start script alike.
 */
export const PLATFORM_VARIABLES = [
  "ADMIN_BASE_URL",
  "RESELLER_BASE_URL",
  "TENANT_BASE_URL",
  "MGMT_API_URL",
] as const;

export interface ConfigProblem {
  variable: string;
  value: string | undefined;
  problem: string;
  fix: string;
}

export interface PlatformEnv {
  baseUrls: Record<Surface, string>;
  tenantSlug: string;
  apiVersion: string;
  mgmtToken: string | undefined;
  timeoutMs: number;
  healthTimeoutMs: number;
  maxBodyBytes: number;
  vaultAddr: string | undefined;
}

const httpUrl = () =>
  z
    .string({ error: "is required" })
    .trim()
    .refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === "http:" || u.protocol === "https:") && !u.username && !u.password && !u.search && !u.hash;
      } catch {
        return false;
      }
    }, "must be an http(s) URL without credentials, query or fragment")
    .transform((v) => v.replace(/\/+$/, ""));

const intInRange = (min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const schema = z.object({
  ADMIN_BASE_URL: httpUrl(),
  RESELLER_BASE_URL: httpUrl(),
  TENANT_BASE_URL: httpUrl(),
  MGMT_API_URL: httpUrl(),
  TENANT_SLUG: z
    .string({ error: "is required" })
    .trim()
    .regex(/^(?:[A-Za-z0-9_-]{3,64}|[0-9a-fA-F-]{36})$/, "must be 3–64 characters of letters, digits, _ or - (or a UUID)"),
  API_VERSION: z.string().trim().regex(/^v\d{1,3}$/, "must look like v1 or v2").optional().default("v1"),
  MGMT_API_TOKEN: z.string().trim().min(1).optional(),
  UPSTREAM_TIMEOUT_MS: intInRange(100, 120_000, 5_000),
  HEALTH_TIMEOUT_MS: intInRange(3_000, 120_000, 3_000),
  UPSTREAM_MAX_BODY_BYTES: intInRange(1_024, 64 * 1024 * 1024, 8 * 1024 * 1024),
  VAULT_ADDR: httpUrl().optional(),
});

const FIXES: Record<string, string> = {
  ADMIN_BASE_URL: "set it to the admin portal's URL, e.g. https://admin.example.com",
  RESELLER_BASE_URL: "set it to the reseller portal's URL, e.g. https://reseller.example.com",
  TENANT_BASE_URL: "set it to a tenant portal's URL, e.g. https://acme.isp.example.com",
  MGMT_API_URL: "set it to the Management API's URL, e.g. https://api.example.com",
  TENANT_SLUG: "set it to the tenant you are working on, e.g. acme",
  API_VERSION: "use v1 or v2",
  VAULT_ADDR: "set it to the OpenBao/Vault address, e.g. https://vault.example.com:8200, or unset it",
};

/** Parse the platform variables; every problem names the variable, what is wrong and the fix. */
export function parsePlatformEnv(
  env: Record<string, string | undefined>,
): { ok: true; value: PlatformEnv } | { ok: false; problems: ConfigProblem[] } {
  const blanksAsMissing = Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, v === undefined || v.trim() === "" ? undefined : v]),
  );
  const parsed = schema.safeParse(blanksAsMissing);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? "configuration");
      return {
        variable,
        value: variable === "MGMT_API_TOKEN" ? "(hidden)" : env[variable],
        problem: issue.message,
        fix: FIXES[variable] ?? "correct or unset it",
      };
    });
    return { ok: false, problems };
  }
  const v = parsed.data;
  return {
    ok: true,
    value: {
      baseUrls: { mgmt: v.MGMT_API_URL, admin: v.ADMIN_BASE_URL, reseller: v.RESELLER_BASE_URL, tenant: v.TENANT_BASE_URL },
      tenantSlug: v.TENANT_SLUG,
      apiVersion: v.API_VERSION,
      mgmtToken: v.MGMT_API_TOKEN,
      timeoutMs: v.UPSTREAM_TIMEOUT_MS,
      healthTimeoutMs: v.HEALTH_TIMEOUT_MS,
      maxBodyBytes: v.UPSTREAM_MAX_BODY_BYTES,
      vaultAddr: v.VAULT_ADDR,
    },
  };
}

/** One line per problem, for start-up and CLI output. */
export function formatConfigProblems(problems: ConfigProblem[]): string {
  return problems
    .map((p) => `Configuration error: ${p.variable}${p.value !== undefined ? `=${JSON.stringify(p.value)}` : ""} ${p.problem}; ${p.fix}.`)
    .join("\n");
}
