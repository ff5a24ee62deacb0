import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { KeyClient } from "@/app/(console)/idempotency/[key]/client";
import { queryKeys, viaParam } from "@/lib/query/keys";
import { makeQueryClient } from "@/lib/query/make-query-client";
import { getIdempotencyKey } from "@/lib/server/idempotency";
import { pageUser, preload } from "@/lib/server/page";

type Props = { params: Promise<{ key: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { key } = await params;
  return { title: `Key ${key.slice(0, 40)}` };
}

async function KeyData({ keyValue, via, from }: { keyValue: string; via: "api" | "redis" | null; from: string | null }) {
  const qc = makeQueryClient();
  const initialError = await preload(qc, queryKeys.idempotencyKey(keyValue, via, from), () =>
    getIdempotencyKey({ key: keyValue, via: via ?? undefined, saga: from ?? undefined }),
    // A hanging platform must not hold the page: past this the browser's first request joins the same upstream call.
    { budgetMs: 2_000 },
  );
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <KeyClient idempotencyKey={keyValue} initialError={initialError} />
    </HydrationBoundary>
  );
}

export default async function KeyPage({ params, searchParams }: Props) {
  await pageUser("viewer");
  const key = (await params).key;
  const sp = await searchParams;
  const from = typeof sp.saga === "string" ? sp.saga : null;
  return <KeyData keyValue={key} via={viaParam(sp.via)} from={from} />;
}
