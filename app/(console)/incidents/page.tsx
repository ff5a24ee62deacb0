import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { IncidentsClient } from "@/app/(console)/incidents/client";
import { can } from "@/lib/auth/roles";
import { queryKeys } from "@/lib/query/keys";
import { makeQueryClient } from "@/lib/query/make-query-client";
import { listIncidents } from "@/lib/server/incidents";
import { pageUser, preload } from "@/lib/server/page";
import { getPlatformInfo } from "@/lib/server/platform-info";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  const user = await pageUser("viewer");
  const qc = makeQueryClient();
  await preload(qc, queryKeys.incidents(), async () => ({ incidents: await listIncidents() }), { budgetMs: 2_000 });
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <IncidentsClient canOpen={can(user.role, "workIncidents")} defaultTenant={getPlatformInfo().tenant} />
    </HydrationBoundary>
  );
}
