import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { AlertRulesView } from "@/components/alert-rules/alert-rules-view";
import { parseAlertWindow } from "@/components/alert-rules/types";
import { queryKeys } from "@/lib/query/keys";
import { makeQueryClient } from "@/lib/query/make-query-client";
import { getAlertRulesReport } from "@/lib/server/alert-rules";
import { pageUser, preload } from "@/lib/server/page";

export const metadata: Metadata = { title: "Alert rules" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AlertRulesPage({ searchParams }: Props) {
  await pageUser("viewer");
  const raw = (await searchParams).window;
  const window = parseAlertWindow(typeof raw === "string" ? raw : null);
  const qc = makeQueryClient();
  // Judging rule files is quick and is in the first HTML; back-testing against Prometheus can take seconds:
  // past the budget the page renders without it and the browser's request joins the same coalesced work.
  await preload(qc, queryKeys.alertRules(window), () => getAlertRulesReport({ window }), { budgetMs: 3_000 });
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <AlertRulesView />
    </HydrationBoundary>
  );
}
