import "server-only";
import type { ZodType } from "zod";
import { checkAccess } from "@/lib/auth/access";
import type { ConsoleUser, Role } from "@/lib/auth/roles";
import { ApiError, type ErrorCode } from "@/lib/http/errors";
import { recordAudit, type AuditInput } from "@/lib/server/audit";

/**
 * The access check of the data-access layer: every function in lib/server that returns console or platform
 * data calls this first, so a page, a route handler or a server action cannot forget it (the layout's check
 * is skipped for RSC requests that render one segment).
 */
export async function authorize(role: Role): Promise<ConsoleUser> {
  const access = await checkAccess(role);
  if (access.ok) return access.user;
  if (access.status === 401) throw new ApiError("unauthenticated", "Sign in to use the console.");
  throw new ApiError("forbidden", `This needs the ${role} role; you are ${access.user?.role ?? "signed out"}.`);
}

/** Parses a data function's input; a bad value is the caller's error, named by field, never a crash. */
export function parseInput<T>(schema: ZodType<T>, raw: unknown, what = "input", code: ErrorCode = "validation_failed"): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.slice(0, 10).map((i) => ({ field: i.path.map(String).join(".") || what, message: i.message }));
  const first = details[0];
  throw new ApiError(code, `Invalid ${what}: ${first ? `${first.field} ${first.message}` : "bad value"}.`, details);
}

/** Appends to the audit trail as this user. */
export function auditAs(user: ConsoleUser, entry: Omit<AuditInput, "actor" | "role" | "outcome"> & { outcome?: AuditInput["outcome"] }) {
  return recordAudit({ actor: user.id, role: user.role, outcome: "ok", ...entry });
}
