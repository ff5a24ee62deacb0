import { NextResponse, type NextRequest } from "next/server";
import { PAGE_PATH_HEADER } from "@/lib/http/page-path";
import { isValidRouterStateHeader } from "@/lib/http/router-state";

// Convenience only: send cookie-less page visits to sign-in, keeping the link they followed.
// Access is enforced in the pages and in every route handler, never here alone.
export function proxy(req: NextRequest) {
  // Next throws (500, a logged stack) on a router state it cannot parse; a browser never sends one.
  const state = req.headers.get("next-router-state-tree");
  if (state !== null && !isValidRouterStateHeader(state)) {
    return NextResponse.json(
      { error: { code: "invalid_input", message: "Malformed Next-Router-State-Tree header; reload the page." } },
      { status: 400, headers: { "Cache-Control": "no-store" } },
    );
  }
  const hasSession = req.cookies.has("console.session") || req.cookies.has("__Secure-console.session");
  if (req.nextUrl.pathname === "/login" || hasSession) {
    const headers = new Headers(req.headers);
    headers.set(PAGE_PATH_HEADER, req.nextUrl.pathname);
    return NextResponse.next({ request: { headers } });
  }
  // The console's own origin (NEXTAUTH_URL), never Host / X-Forwarded-Proto: a forged Host must not pick the
  // sign-in page a link sends people to. (Next needs an absolute Location here.)
  const back = new URL(req.nextUrl);
  back.searchParams.delete("_rsc"); // Next's cache-busting parameter is seen here too (skipProxyUrlNormalize)
  const target = new URL(`/login?callbackUrl=${encodeURIComponent(back.pathname + back.search)}`, consoleOrigin(req));
  return NextResponse.redirect(target, { headers: { "Cache-Control": "no-store" } });
}

function consoleOrigin(req: NextRequest): string {
  try {
    return new URL(process.env.NEXTAUTH_URL ?? "").origin;
  } catch {
    return req.nextUrl.origin;
  }
}

// Not /api: matching it would make Next buffer request bodies for the proxy; the route wrapper bounds them.
export const config = {
  matcher: ["/((?!api/|_next/|favicon.ico|icon.svg|robots.txt).*)"],
};
