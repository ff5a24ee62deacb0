import type { Metadata } from "next";
import { Suspense } from "react";
import { AlertsClient } from "@/app/(console)/alerts/client";
import { Spinner } from "@/components/ui/spinner";

export const metadata: Metadata = { title: "Alerts" };

export default function AlertsPage() {
  return (
    <Suspense fallback={<Spinner label="Loading alerts…" />}>
      <AlertsClient />
    </Suspense>
  );
}
