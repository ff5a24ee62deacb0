/** True when a state-changing request provably comes from the console's own origin. */
export function isSameOrigin(req: { headers: Headers; nextUrl: URL }): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site) return site === "same-origin";
  const origin = req.headers.get("origin");
  if (!origin) return false;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  try {
    return new URL(origin).host === host || new URL(origin).origin === req.nextUrl.origin;
  } catch {
    return false;
  }
}
