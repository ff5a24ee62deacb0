import { NextResponse, type NextRequest } from "next/server";

// Convenience only: send cookie-less page visits to sign-in, keeping the link they followed.
// Access is enforced in the pages' layout and in every route handler, never here alone.
export function proxy(req: NextRequest) {
  const hasSession = req.cookies.has("console.session") || req.cookies.has("__Secure-console.session");
  if (hasSession) return NextResponse.next();
  const url = req.nextUrl.clone();
  url.pathname = "/login";
  url.search = `?callbackUrl=${encodeURIComponent(req.nextUrl.pathname + req.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/((?!api/|login|_next/|favicon.ico|robots.txt).*)"],
};
