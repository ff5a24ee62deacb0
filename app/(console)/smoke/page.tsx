import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { SmokeClient } from "@/app/(console)/smoke/client";
import { can } from "@/lib/auth/roles";
import { queryKeys } from "@/lib/query/keys";
import { makeQueryClient } from "@/lib/query/make-query-client";
import { pageUser, preload } from "@/lib/server/page";
import { listSmokeRuns } from "@/lib/server/smoke";

export const metadata: Metadata = { title: "Smoke test" };

export default async function SmokePage() {
  const user = await pageUser("viewer");
  const qc = makeQueryClient();
  await preload(qc, queryKeys.smokeRuns(), () => listSmokeRuns({ limit: 20 }), { budgetMs: 2_000 });
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <SmokeClient canRun={can(user.role, "runChecks")} />
    </HydrationBoundary>
  );
}
