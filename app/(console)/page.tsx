import type { Metadata } from "next";
import { OverviewClient } from "@/app/(console)/client";
import { currentUser } from "@/lib/auth/access";
import { can } from "@/lib/auth/roles";
import { getPlatformInfo } from "@/lib/server/platform-info";

export const metadata: Metadata = { title: "Overview" };

// Well-known ids of the simulator's seed (sim/README.md): stable whatever the seed, so the demo can link them.
const DEMO_LINKS = [
  { label: "A saga that failed and was compensated", href: "/sagas/5f0c3a52-1e7b-4c4a-9d2e-6a1b7c000004" },
  { label: "A compensation that failed (manual clean-up)", href: "/sagas/5f0c3a52-1e7b-4c4a-9d2e-6a1b7c000005" },
  { label: "A possibly stuck saga", href: "/sagas/5f0c3a52-1e7b-4c4a-9d2e-6a1b7c000002" },
  { label: "A running saga", href: "/sagas/5f0c3a52-1e7b-4c4a-9d2e-6a1b7c000001" },
  { label: "A timed-out saga", href: "/sagas/5f0c3a52-1e7b-4c4a-9d2e-6a1b7c000006" },
  { label: "A saga with 10,000 history entries", href: "/sagas/5f0c3a52-1e7b-4c4a-9d2e-6a1b7c000008" },
  { label: "A failed idempotency key", href: "/idempotency/demo-failed-0001" },
  { label: "A cross-tenant key", href: "/idempotency/demo-cross-tenant-0001" },
];

export default async function OverviewPage() {
  const user = await currentUser();
  const platform = getPlatformInfo();
  return (
    <OverviewClient
      canRunChecks={user ? can(user.role, "runChecks") : false}
      platform={{ simulated: platform.simulated, tenant: platform.tenant, apiVersion: platform.apiVersion, baseUrls: platform.baseUrls }}
      demoLinks={platform.simulated ? DEMO_LINKS : []}
    />
  );
}
