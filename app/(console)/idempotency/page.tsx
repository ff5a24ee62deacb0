import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { IdempotencyClient } from "@/app/(console)/idempotency/client";
import { filterQuery, IDEMPOTENCY_FILTERS, queryKeys } from "@/lib/query/keys";
import { makeQueryClient } from "@/lib/query/make-query-client";
import { listIdempotencyKeys } from "@/lib/server/idempotency";
import { pageUser, preload } from "@/lib/server/page";

export const metadata: Metadata = { title: "Idempotency keys" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function IdempotencyPage({ searchParams }: Props) {
  await pageUser("viewer");
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === "string" ? sp[k] : undefined);
  const qs = filterQuery(one, IDEMPOTENCY_FILTERS);
  const qc = makeQueryClient();
  // An error met here is in the first paint (with its age) and asked again at the next poll; a slow platform must not hold the page.
  const initialError = await preload(qc, queryKeys.idempotencyList(qs), () => listIdempotencyKeys(Object.fromEntries(new URLSearchParams(qs))), { budgetMs: 2_000 });
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <IdempotencyClient initialError={initialError} />
    </HydrationBoundary>
  );
}
