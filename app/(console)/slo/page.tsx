import type { Metadata } from "next";
import { Suspense } from "react";
import { SloClient } from "@/app/(console)/slo/client";
import { Spinner } from "@/components/ui/spinner";
import { getPlatformInfo } from "@/lib/server/platform-info";

export const metadata: Metadata = { title: "SLOs" };

export default function SloPage() {
  const { prometheus } = getPlatformInfo();
  return (
    <Suspense fallback={<Spinner label="Loading SLOs…" />}>
      <SloClient prometheus={prometheus} />
    </Suspense>
  );
}
