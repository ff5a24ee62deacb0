import type { Metadata } from "next";
import { Suspense } from "react";
import { SagaClient } from "@/app/(console)/sagas/[id]/client";
import { Spinner } from "@/components/ui/spinner";

type Props = { params: Promise<{ id: string }> };

function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Saga ${decoded(id).slice(0, 40)}` };
}

export default async function SagaPage({ params }: Props) {
  const { id } = await params;
  return (
    <Suspense fallback={<Spinner label="Loading the saga…" />}>
      <SagaClient id={decoded(id)} />
    </Suspense>
  );
}
