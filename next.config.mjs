// Security headers for every response. script-src keeps 'unsafe-inline' for Next's inline bootstrap
// (a nonce would force every page dynamic); 'unsafe-eval' is only allowed by the dev server.
const dev = process.env.NODE_ENV !== "production";
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: csp },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  ...(process.env.NEXTAUTH_URL?.startsWith("https://")
    ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
    : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // forbidden() from next/navigation: a page refuses a role with a real 403.
  experimental: { authInterrupts: true },
  // Next hides the router-state headers from proxy.ts unless told not to; the proxy refuses a malformed one
  // (400) that would otherwise make the page throw a 500 with a logged stack.
  skipProxyUrlNormalize: true,
  serverExternalPackages: ["better-sqlite3", "pg", "ioredis", "kysely"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
