import "server-only";
import { getEnv } from "@/lib/env";

/** What the header shows about the platform in use; base URLs are not secrets, the token never appears. */
export function getPlatformInfo() {
  const { platform, console: c } = getEnv();
  return {
    /** The built-in simulator is the platform: only then may a page say "simulated" or offer its seed ids. */
    simulated: c.simulated,
    /** Demo users may sign in (CONSOLE_DEMO), whatever the platform is. */
    demoUsers: c.demo,
    tenant: platform.tenantSlug,
    apiVersion: platform.apiVersion,
    mgmtUrl: platform.baseUrls.mgmt,
    baseUrls: platform.baseUrls,
    redis: Boolean(c.redisUrl),
    prometheus: Boolean(c.prometheusUrl),
    tokenConfigured: Boolean(platform.mgmtToken),
  };
}
export type PlatformInfo = ReturnType<typeof getPlatformInfo>;
