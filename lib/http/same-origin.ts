export interface OriginPolicy {
  /** The console's own origin (NEXTAUTH_URL); when unknown, the Host header stands in. */
  consoleOrigin?: string;
  /** Proxy hops trusted to set X-Forwarded-Host (TRUSTED_PROXIES); 0 ignores the header. */
  trustedProxies?: number;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

function sameOrigin(a: URL, b: URL): boolean {
  if (a.protocol !== b.protocol || a.port !== b.port) return false;
  // localhost and 127.0.0.1 are one machine: the demo is opened by either name.
  return a.hostname === b.hostname || (LOOPBACK.has(a.hostname) && LOOPBACK.has(b.hostname));
}

/**
 * True when a state-changing request provably comes from the console's own origin: scheme, host and port of
 * its Origin equal the console's (NEXTAUTH_URL). Without an Origin, only a browser's Sec-Fetch-Site counts.
 */
export function isSameOrigin(req: { headers: Headers; nextUrl: URL }, policy: OriginPolicy = {}): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin") return false;
  const origin = req.headers.get("origin");
  if (!origin) return site === "same-origin";
  let from: URL;
  try {
    from = new URL(origin);
  } catch {
    return false;
  }
  if (policy.consoleOrigin) {
    try {
      return sameOrigin(from, new URL(policy.consoleOrigin));
    } catch {
      return false;
    }
  }
  // No configured origin: the request's own host, forwarded only through proxies we were told to trust.
  const forwarded = (policy.trustedProxies ?? 0) > 0 ? req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const host = forwarded || req.headers.get("host") || req.nextUrl.host;
  try {
    return sameOrigin(from, new URL(`${req.nextUrl.protocol}//${host}`));
  } catch {
    return false;
  }
}
