import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { ZodType } from "zod";
import { checkAccess } from "@/lib/auth/access";
import type { ConsoleUser, Role } from "@/lib/auth/roles";
import { API_WRITE_MAX_BYTES, readBodyCapped } from "@/lib/http/body-limit";
import { getEnv } from "@/lib/env";
import { ApiError, ERROR_STATUS, type ErrorCode } from "@/lib/http/errors";
import { toApiError } from "@/lib/http/map-error";
import { isSameOrigin } from "@/lib/http/same-origin";
import { auditRefusal, recordAudit } from "@/lib/server/audit";
import { redactedForLog } from "@/lib/server/platform";

export interface RouteContext<P, Q, B> {
  req: NextRequest;
  user: ConsoleUser;
  params: P;
  query: Q;
  body: B;
  audit(action: string, target?: string, details?: Record<string, unknown>, outcome?: "ok" | "error"): Promise<void>;
}

interface RouteSpec<P, Q, B> {
  role: Role;
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
}

const NO_STORE = { "Cache-Control": "no-store" };

export function errorResponse(code: ErrorCode, message: string, details?: unknown, headers?: Record<string, string>) {
  return NextResponse.json(
    { error: details === undefined ? { code, message } : { code, message, details } },
    { status: ERROR_STATUS[code], headers: { ...NO_STORE, ...headers } },
  );
}

function validation(code: ErrorCode, what: string, issues: { path: PropertyKey[]; message: string }[]) {
  const details = issues.slice(0, 10).map((i) => ({ field: i.path.map(String).join(".") || what, message: i.message }));
  const first = details[0];
  return new ApiError(code, `Invalid ${what}: ${first ? `${first.field} ${first.message}` : "bad value"}.`, details);
}

function auditApiRefusal(user: ConsoleUser, req: NextRequest, why: string) {
  return auditRefusal(user, req.method, req.nextUrl.pathname, why);
}

/**
 * The one wrapper every API route uses: session and role, same-origin for writes, zod validation,
 * one error envelope, no caching. Handlers return plain data (→ 200 JSON) or a Response.
 */
export function route<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  spec: RouteSpec<P, Q, B>,
  handler: (ctx: RouteContext<P, Q, B>) => Promise<unknown>,
) {
  return async (req: NextRequest, context: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    try {
      const access = await checkAccess(spec.role);
      if (!access.ok) {
        if (access.status === 401) return errorResponse("unauthenticated", "Sign in to use the console API.");
        if (access.user) await auditApiRefusal(access.user, req, `needs ${spec.role}`);
        return errorResponse("forbidden", `This needs the ${spec.role} role; you are ${access.user?.role}.`);
      }
      const mutating = !["GET", "HEAD", "OPTIONS"].includes(req.method);
      const { trustedProxies } = getEnv().console;
      if (mutating && !isSameOrigin(req, { consoleOrigin: process.env.NEXTAUTH_URL || undefined, trustedProxies })) {
        await auditApiRefusal(access.user, req, "cross-site");
        return errorResponse("cross_site", "Cross-site request refused: changes must come from the console's own pages.");
      }
      const rawParams = (await context?.params) ?? {};
      const params = spec.params ? spec.params.safeParse(rawParams) : { success: true as const, data: rawParams as P };
      if (!params.success) throw validation("invalid_input", "path parameter", params.error.issues);
      const rawQuery = Object.fromEntries(req.nextUrl.searchParams.entries());
      // Without a schema the raw strings go to the handler, whose lib/server function parses them itself.
      const query = spec.query ? spec.query.safeParse(rawQuery) : { success: true as const, data: rawQuery as Q };
      if (!query.success) throw validation("validation_failed", "query", query.error.issues);
      let body = undefined as B;
      if (mutating) {
        // Every write is JSON (a cross-site form cannot send it without a preflight), and bounded before it is read.
        const json = (req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json");
        const hasBody = Number(req.headers.get("content-length") ?? "0") > 0 || req.headers.has("transfer-encoding");
        if (!json && (req.method !== "DELETE" || hasBody)) throw new ApiError("invalid_input", "Send the request body as application/json.");
        const bytes = await readBodyCapped(req, API_WRITE_MAX_BYTES);
        if (spec.body) {
          let parsedJson: unknown;
          try {
            parsedJson = JSON.parse(new TextDecoder().decode(bytes));
          } catch {
            throw new ApiError("invalid_input", "The request body is not valid JSON.");
          }
          const parsed = spec.body.safeParse(parsedJson);
          if (!parsed.success) throw validation("validation_failed", "body", parsed.error.issues);
          body = parsed.data;
        }
      }
      const user = access.user;
      const result = await handler({
        req,
        user,
        params: params.data as P,
        query: query.data as Q,
        body,
        audit: async (action, target, details, outcome = "ok") => {
          await recordAudit({ actor: user.id, role: user.role, action, target, details, outcome });
        },
      });
      if (result instanceof Response) {
        if (!result.headers.has("Cache-Control")) result.headers.set("Cache-Control", "no-store");
        return result;
      }
      return NextResponse.json(result ?? null, { headers: NO_STORE });
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.code === "internal") console.error("[api] unexpected error", redactedForLog(err));
      // An oversized upload is cut off, not drained: the client stops sending instead of pushing the rest.
      const close = apiError.code === "payload_too_large" ? { Connection: "close" } : undefined;
      return errorResponse(apiError.code, apiError.message, apiError.details, close);
    }
  };
}
