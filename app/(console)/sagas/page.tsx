import type { Metadata } from "next";
import { Suspense } from "react";
import { SagasClient } from "@/app/(console)/sagas/client";
import { Spinner } from "@/components/ui/spinner";
import { getPlatformInfo } from "@/lib/server/platform-info";

export const metadata: Metadata = { title: "Sagas" };

export default function SagasPage() {
  const { redis } = getPlatformInfo();
  return (
    <Suspense fallback={<Spinner label="Loading sagas…" />}>
      <SagasClient hasRedis={redis} />
    </Suspense>
  );
}
