import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { Suspense } from "react";
import { SagaClient } from "@/app/(console)/sagas/[id]/client";
import { Spinner } from "@/components/ui/spinner";
import { decodeSegment } from "@/lib/http/path-segment";
import { queryKeys, viaParam } from "@/lib/query/keys";
import { makeQueryClient } from "@/lib/query/make-query-client";
import { pageUser, preload } from "@/lib/server/page";
import { getSagaDetail } from "@/lib/server/sagas";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Saga ${decodeSegment(id).slice(0, 40)}` };
}

/** The saga's verdict is in the first HTML: loaded here through the same function as the API route. */
async function SagaData({ id, via }: { id: string; via: "api" | "redis" | null }) {
  const qc = makeQueryClient();
  const initialError = await preload(qc, queryKeys.saga(id, via), () => getSagaDetail({ id, via: via ?? undefined }));
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <SagaClient id={id} initialError={initialError} />
    </HydrationBoundary>
  );
}

export default async function SagaPage({ params, searchParams }: Props) {
  await pageUser("viewer");
  const id = decodeSegment((await params).id);
  const via = viaParam((await searchParams).via);
  return (
    <Suspense
      fallback={
        <div className="flex flex-col gap-4">
          <h1 className="text-xl font-semibold break-all">
            Saga <span className="font-mono text-base">{id.length > 80 ? `${id.slice(0, 80)}…` : id}</span>
          </h1>
          <Spinner label="Loading the saga and its history…" />
        </div>
      }
    >
      <SagaData id={id} via={via} />
    </Suspense>
  );
}
