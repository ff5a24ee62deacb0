import { createPlatformClient } from "@/lib/upstream/client";
import type { PlatformClient } from "@/lib/upstream/types";

/** Test helper: a real platform client aimed at a simulator's (or test server's) URLs. */
export function clientFor(urls: { mgmt: string; admin?: string; reseller?: string; tenant?: string }, tenantSlug = "acme"): PlatformClient {
  return createPlatformClient(
    {
      baseUrls: { mgmt: urls.mgmt, admin: urls.admin ?? urls.mgmt, reseller: urls.reseller ?? urls.mgmt, tenant: urls.tenant ?? urls.mgmt },
      tenantSlug,
      apiVersion: "v1",
      timeoutMs: 3000,
      healthTimeoutMs: 3000,
      maxBodyBytes: 64 * 1024 * 1024,
      fetch,
    },
    { sleep: () => Promise.resolve() },
  );
}
