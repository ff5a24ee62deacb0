import type { Metadata } from "next";
import { Suspense } from "react";
import { IdempotencyClient } from "@/app/(console)/idempotency/client";
import { Spinner } from "@/components/ui/spinner";
import { pageUser } from "@/lib/server/page";

export const metadata: Metadata = { title: "Idempotency keys" };

export default async function IdempotencyPage() {
  await pageUser("viewer");
  return (
    <Suspense fallback={<Spinner label="Loading idempotency keys…" />}>
      <IdempotencyClient />
    </Suspense>
  );
}
