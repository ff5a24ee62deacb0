import type { Metadata } from "next";
import { Suspense } from "react";
import { AlertRulesView } from "@/components/alert-rules/alert-rules-view";
import { Spinner } from "@/components/ui/spinner";

export const metadata: Metadata = { title: "Alert rules" };

export default function AlertRulesPage() {
  return (
    <Suspense fallback={<Spinner label="Loading alert rules…" />}>
      <AlertRulesView />
    </Suspense>
  );
}
