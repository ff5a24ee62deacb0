import type { Metadata } from "next";
import { IncidentsClient } from "@/app/(console)/incidents/client";
import { can } from "@/lib/auth/roles";
import { pageUser } from "@/lib/server/page";
import { getPlatformInfo } from "@/lib/server/platform-info";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  const user = await pageUser("viewer");
  return <IncidentsClient canOpen={can(user.role, "workIncidents")} defaultTenant={getPlatformInfo().tenant} />;
}
