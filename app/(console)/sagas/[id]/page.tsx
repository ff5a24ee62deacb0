import type { Metadata } from "next";
import { Suspense } from "react";
import { SagaClient } from "@/app/(console)/sagas/[id]/client";
import { Spinner } from "@/components/ui/spinner";
import { decodeSegment } from "@/lib/http/path-segment";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Saga ${decodeSegment(id).slice(0, 40)}` };
}

export default async function SagaPage({ params }: Props) {
  const { id } = await params;
  return (
    <Suspense fallback={<Spinner label="Loading the saga…" />}>
      <SagaClient id={decodeSegment(id)} />
    </Suspense>
  );
}
