import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { SagasClient } from "@/app/(console)/sagas/client";
import type { SerializedApiError } from "@/lib/query/initial-error";
import { filterQuery, queryKeys, SAGA_FILTERS } from "@/lib/query/keys";
import { makeQueryClient } from "@/lib/query/make-query-client";
import { pageUser, preload } from "@/lib/server/page";
import { getPlatformInfo } from "@/lib/server/platform-info";
import { listSagas } from "@/lib/server/sagas";

export const metadata: Metadata = { title: "Sagas" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SagasPage({ searchParams }: Props) {
  await pageUser("viewer");
  const { redis } = getPlatformInfo();
  const qc = makeQueryClient();
  let initialError: SerializedApiError | null = null;
  if (redis) {
    const sp = await searchParams;
    const qs = filterQuery((k) => (typeof sp[k] === "string" ? sp[k] : undefined), SAGA_FILTERS);
    initialError = await preload(qc, queryKeys.sagaList(qs), () => listSagas(Object.fromEntries(new URLSearchParams(qs))), { budgetMs: 2_000 });
  }
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <SagasClient hasRedis={redis} initialError={initialError} />
    </HydrationBoundary>
  );
}
