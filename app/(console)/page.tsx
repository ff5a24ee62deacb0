import type { Metadata } from "next";
import { OverviewClient } from "@/app/(console)/client";
import { currentUser } from "@/lib/auth/access";
import { can } from "@/lib/auth/roles";
import { getPlatformInfo } from "@/lib/server/platform-info";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await currentUser();
  const platform = getPlatformInfo();
  return (
    <OverviewClient
      canRunChecks={user ? can(user.role, "runChecks") : false}
      platform={{ demo: platform.demo, tenant: platform.tenant, apiVersion: platform.apiVersion, baseUrls: platform.baseUrls }}
    />
  );
}
