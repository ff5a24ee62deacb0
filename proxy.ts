import { NextResponse, type NextRequest } from "next/server";
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
  if (req.nextUrl.pathname === "/login") return NextResponse.next();
  const hasSession = req.cookies.has("console.session") || req.cookies.has("__Secure-console.session");
  if (hasSession) return NextResponse.next();
  // A relative Location: never built from Host / X-Forwarded-Proto, and the browser stays on the host
  // (and cookies) it came with.
  const target = `/login?callbackUrl=${encodeURIComponent(req.nextUrl.pathname + req.nextUrl.search)}`;
  return new NextResponse(null, { status: 307, headers: { Location: target, "Cache-Control": "no-store" } });
}

// Not /api: matching it would make Next buffer request bodies for the proxy; the route wrapper bounds them.
export const config = {
  matcher: ["/((?!api/|_next/|favicon.ico|icon.svg|robots.txt).*)"],
};
