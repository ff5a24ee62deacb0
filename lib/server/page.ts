import "server-only";
import type { QueryClient, QueryKey } from "@tanstack/react-query";
import { forbidden, redirect } from "next/navigation";
import type { ConsoleUser, Role } from "@/lib/auth/roles";
import { ERROR_STATUS } from "@/lib/http/errors";
import { toApiError } from "@/lib/http/map-error";
import type { SerializedApiError } from "@/lib/query/initial-error";
import { authorize } from "@/lib/server/access";

/** Signed-out → the sign-in page, wrong role → 403 page. Called by every page itself, not only by the layout. */
export async function pageUser(role: Role): Promise<ConsoleUser> {
  try {
    return await authorize(role);
  } catch (err) {
    return handleAccess(err);
  }
}

function handleAccess(err: unknown): never {
  const e = toApiError(err);
  if (e.code === "unauthenticated") redirect("/login");
  if (e.code === "forbidden") forbidden();
  throw err;
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
    if (e.code === "unauthenticated" || e.code === "forbidden") handleAccess(e);
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
