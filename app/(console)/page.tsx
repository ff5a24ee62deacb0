import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { OverviewClient } from "@/app/(console)/client";
import { DEFAULT_WINDOW } from "@/components/slo/types";
import { can } from "@/lib/auth/roles";
import { queryKeys } from "@/lib/query/keys";
import { makeQueryClient } from "@/lib/query/make-query-client";
import { getHealthMatrix } from "@/lib/server/health";
import { listIncidents } from "@/lib/server/incidents";
import { pageUser, preload } from "@/lib/server/page";
import { getPlatformInfo } from "@/lib/server/platform-info";
import { listSmokeRuns } from "@/lib/server/smoke";
import { getSloReport } from "@/lib/server/slo-view";

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

// The overview is several panels: each waits this long for its data on the server, then the browser takes over.
const PANEL_BUDGET_MS = 1_500;

export default async function OverviewPage() {
  const user = await pageUser("viewer");
  const platform = getPlatformInfo();
  const qc = makeQueryClient();
  const budget = { budgetMs: PANEL_BUDGET_MS };
  await Promise.all([
    preload(qc, queryKeys.healthMatrix(), getHealthMatrix, budget),
    preload(qc, queryKeys.sloReport(DEFAULT_WINDOW), () => getSloReport({ window: DEFAULT_WINDOW }), budget),
    preload(qc, queryKeys.smokeRuns(), () => listSmokeRuns({ limit: 20 }), budget),
    preload(qc, queryKeys.openIncidents(), async () => ({ incidents: await listIncidents("open") }), budget),
  ]);
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <OverviewClient
        canRunChecks={can(user.role, "runChecks")}
        platform={{ simulated: platform.simulated, tenant: platform.tenant, apiVersion: platform.apiVersion, baseUrls: platform.baseUrls }}
        demoLinks={platform.simulated ? DEMO_LINKS : []}
      />
    </HydrationBoundary>
  );
}
