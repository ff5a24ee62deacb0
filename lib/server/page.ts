import "server-only";
import type { QueryClient, QueryKey } from "@tanstack/react-query";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { checkAccess } from "@/lib/auth/access";
import type { ConsoleUser, Role } from "@/lib/auth/roles";
import { ERROR_STATUS, type ApiError } from "@/lib/http/errors";
import { PAGE_PATH_HEADER } from "@/lib/http/page-path";
import { toApiError } from "@/lib/http/map-error";
import type { SerializedApiError } from "@/lib/query/initial-error";
import { auditRefusal } from "@/lib/server/audit";

/** Signed-out → the sign-in page, wrong role → 403 page (audited). Called by every page itself, not only by the layout. */
export async function pageUser(role: Role): Promise<ConsoleUser> {
  const access = await checkAccess(role);
  if (access.ok) return access.user;
  if (access.status === 401 || !access.user) redirect("/login");
  await auditPageRefusal(access.user, `needs ${role}`);
  forbidden();
}

/**
 * A page (or part of one) refused to a signed-in user, in the audit trail like route()'s refusals and with the
 * same once-a-minute dedupe per user and path.
 */
export async function auditPageRefusal(user: ConsoleUser, why: string): Promise<void> {
  const path = (await headers()).get(PAGE_PATH_HEADER) ?? "(unknown page)";
  await auditRefusal(user, "GET", path, why, { page: true });
}

async function handleAccess(e: ApiError): Promise<never> {
  if (e.code === "unauthenticated") redirect("/login");
  // A data function refused what the page itself allowed: the message names the role it needs.
  const access = await checkAccess("viewer");
  if (access.user) await auditPageRefusal(access.user, e.message);
  forbidden();
}

/**
 * Loads a page's first data on the server through the same lib/server function its route handler calls and
 * puts it in the query cache the page dehydrates, so the client starts from it without a second request.
 * An error is returned (not thrown) for the client to show at once; access errors redirect or 403.
 */
export async function preload<T>(qc: QueryClient, queryKey: QueryKey, load: () => Promise<T>, opts: { budgetMs?: number } = {}): Promise<SerializedApiError | null> {
  try {
    const data = opts.budgetMs === undefined ? await load() : await withinBudget(load(), opts.budgetMs);
    if (data !== OVER_BUDGET) qc.setQueryData(queryKey, data);
    return null;
  } catch (err) {
    const e = toApiError(err);
    if (e.code === "unauthenticated" || e.code === "forbidden") await handleAccess(e);
    if (e.code === "internal") console.error("[page] unexpected error", err);
    return { status: ERROR_STATUS[e.code], code: e.code, message: e.message, at: Date.now(), ...(e.details === undefined ? {} : { details: e.details }) };
  }
}

const OVER_BUDGET = Symbol("over budget");

/**
 * A panel that is only part of a page waits at most this long: past it the page renders without that panel's
 * data and the browser's first request joins the same (coalesced) upstream call, so a hanging platform never
 * holds the rest of the page.
 */
function withinBudget<T>(p: Promise<T>, ms: number): Promise<T | typeof OVER_BUDGET> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof OVER_BUDGET>((resolve) => {
    timer = setTimeout(() => resolve(OVER_BUDGET), ms);
  });
  p.catch(() => undefined); // a late failure is the browser's to show, not an unhandled rejection
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
