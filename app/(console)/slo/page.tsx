import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { SloClient } from "@/app/(console)/slo/client";
import { parseWindow } from "@/components/slo/types";
import { queryKeys } from "@/lib/query/keys";
import { makeQueryClient } from "@/lib/query/make-query-client";
import { pageUser, preload } from "@/lib/server/page";
import { getPlatformInfo } from "@/lib/server/platform-info";
import { getSloReport } from "@/lib/server/slo-view";

export const metadata: Metadata = { title: "SLOs" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

async function SloData({ window }: { window: string }) {
  const qc = makeQueryClient();
  // A Prometheus that hangs must not hold the page: past the budget the browser's request takes over.
  await preload(qc, queryKeys.sloReport(window), () => getSloReport({ window }), { budgetMs: 3_000 });
  const { prometheus } = getPlatformInfo();
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <SloClient prometheus={prometheus} />
    </HydrationBoundary>
  );
}

export default async function SloPage({ searchParams }: Props) {
  await pageUser("viewer");
  const raw = (await searchParams).window;
  const window = parseWindow(typeof raw === "string" ? raw : null);
  return <SloData window={window} />;
}
