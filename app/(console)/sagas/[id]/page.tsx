import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { SagaClient } from "@/app/(console)/sagas/[id]/client";
import { queryKeys, viaParam } from "@/lib/query/keys";
import { makeQueryClient } from "@/lib/query/make-query-client";
import { pageUser, preload } from "@/lib/server/page";
import { getSagaDetail } from "@/lib/server/sagas";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Saga ${id.slice(0, 40)}` };
}

/**
 * Past this the page is sent without the saga (a hanging platform): the browser shows progress and its first
 * request joins the same coalesced upstream call, so nothing is asked twice.
 */
const FIRST_DATA_BUDGET_MS = 2_000;

/** The saga's verdict is in the first HTML: loaded here through the same function as the API route. */
async function SagaData({ id, via }: { id: string; via: "api" | "redis" | null }) {
  const qc = makeQueryClient();
  const initialError = await preload(qc, queryKeys.saga(id, via), () => getSagaDetail({ id, via: via ?? undefined }), { budgetMs: FIRST_DATA_BUDGET_MS });
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <SagaClient id={id} initialError={initialError} />
    </HydrationBoundary>
  );
}

export default async function SagaPage({ params, searchParams }: Props) {
  await pageUser("viewer");
  const id = (await params).id;
  const via = viaParam((await searchParams).via);
  return <SagaData id={id} via={via} />;
}
