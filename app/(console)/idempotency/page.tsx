import type { Metadata } from "next";
import { Suspense } from "react";
import { IdempotencyClient } from "@/app/(console)/idempotency/client";
import { Spinner } from "@/components/ui/spinner";

export const metadata: Metadata = { title: "Idempotency keys" };

export default function IdempotencyPage() {
  return (
    <Suspense fallback={<Spinner label="Loading idempotency keys…" />}>
      <IdempotencyClient />
    </Suspense>
  );
}
