import type { Metadata } from "next";
import { Suspense } from "react";
import { SagasClient } from "@/app/(console)/sagas/client";
import { Spinner } from "@/components/ui/spinner";
import { pageUser } from "@/lib/server/page";
import { getPlatformInfo } from "@/lib/server/platform-info";

export const metadata: Metadata = { title: "Sagas" };

export default async function SagasPage() {
  await pageUser("viewer");
  const { redis } = getPlatformInfo();
  return (
    <Suspense fallback={<Spinner label="Loading sagas…" />}>
      <SagasClient hasRedis={redis} />
    </Suspense>
  );
}
