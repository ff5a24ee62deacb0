// Runs once when a console server process starts: a bad configuration stops it here, with one line
// per variable, instead of surfacing as a 500 on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("@/lib/env");
  try {
    getEnv();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  // Client addresses (sign-in throttling, session list) from the socket, or from trusted proxies' X-Forwarded-For.
  const { installClientAddressHook } = await import("@/lib/http/client-address");
  installClientAddressHook(getEnv().console.trustedProxies);
  // The embedded SLO scraper (one per process; only the holder of the store lease scrapes).
  const { startSloScraping } = await import("@/lib/server/slo");
  startSloScraping();
  // Gives memory back after a burst of load (lib/server/idle-gc.ts).
  const { startIdleGc } = await import("@/lib/server/idle-gc");
  startIdleGc();
}
