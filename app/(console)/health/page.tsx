import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { HealthClient } from "@/app/(console)/health/client";
import { queryKeys } from "@/lib/query/keys";
import { makeQueryClient } from "@/lib/query/make-query-client";
import { getHealthMatrix } from "@/lib/server/health";
import { pageUser, preload } from "@/lib/server/page";

export const metadata: Metadata = { title: "Health" };

async function HealthData() {
  const qc = makeQueryClient();
  await preload(qc, queryKeys.healthMatrix(), getHealthMatrix, { budgetMs: 3_000 });
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <HealthClient />
    </HydrationBoundary>
  );
}

export default async function HealthPage() {
  await pageUser("viewer");
  return <HealthData />;
}
