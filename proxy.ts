import { NextResponse, type NextRequest } from "next/server";

// Convenience only: send cookie-less page visits to sign-in, keeping the link they followed.
// Access is enforced in the pages' layout and in every route handler, never here alone.
export function proxy(req: NextRequest) {
  const hasSession = req.cookies.has("console.session") || req.cookies.has("__Secure-console.session");
  if (hasSession) return NextResponse.next();
  // Built from the Host header: Next rewrites 127.0.0.1 to localhost in nextUrl, and cookies are per host.
  const host = req.headers.get("host") ?? req.nextUrl.host;
  const proto = req.headers.get("x-forwarded-proto") ?? req.nextUrl.protocol.replace(":", "");
  const target = new URL(`/login?callbackUrl=${encodeURIComponent(req.nextUrl.pathname + req.nextUrl.search)}`, `${proto}://${host}`);
  return NextResponse.redirect(target);
}

export const config = {
  matcher: ["/((?!api/|login|_next/|favicon.ico|icon.svg|robots.txt).*)"],
};
