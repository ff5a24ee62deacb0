import type { Metadata } from "next";
import { Suspense } from "react";
import { AlertRulesView } from "@/components/alert-rules/alert-rules-view";
import { Spinner } from "@/components/ui/spinner";
import { pageUser } from "@/lib/server/page";

export const metadata: Metadata = { title: "Alert rules" };

// Not preloaded on the server: back-testing every rule against Prometheus can take seconds; the view shows progress.
export default async function AlertRulesPage() {
  await pageUser("viewer");
  return (
    <Suspense fallback={<Spinner label="Loading alert rules…" />}>
      <AlertRulesView />
    </Suspense>
  );
}
