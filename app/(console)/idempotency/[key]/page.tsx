import type { Metadata } from "next";
import { Suspense } from "react";
import { KeyClient } from "@/app/(console)/idempotency/[key]/client";
import { Spinner } from "@/components/ui/spinner";
import { decodeSegment } from "@/lib/http/path-segment";

type Props = { params: Promise<{ key: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { key } = await params;
  return { title: `Key ${decodeSegment(key).slice(0, 40)}` };
}

export default async function KeyPage({ params }: Props) {
  const { key } = await params;
  return (
    <Suspense fallback={<Spinner label="Loading the key…" />}>
      <KeyClient idempotencyKey={decodeSegment(key)} />
    </Suspense>
  );
}
