import type { Metadata } from "next";
import { Suspense } from "react";
import { KeyClient } from "@/app/(console)/idempotency/[key]/client";
import { Spinner } from "@/components/ui/spinner";

type Props = { params: Promise<{ key: string }> };

function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { key } = await params;
  return { title: `Key ${decoded(key).slice(0, 40)}` };
}

export default async function KeyPage({ params }: Props) {
  const { key } = await params;
  return (
    <Suspense fallback={<Spinner label="Loading the key…" />}>
      <KeyClient idempotencyKey={decoded(key)} />
    </Suspense>
  );
}
