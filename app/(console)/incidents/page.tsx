import type { Metadata } from "next";
import { IncidentsClient } from "@/app/(console)/incidents/client";
import { currentUser } from "@/lib/auth/access";
import { can } from "@/lib/auth/roles";
import { getPlatformInfo } from "@/lib/server/platform-info";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  const user = await currentUser();
  return <IncidentsClient canOpen={user ? can(user.role, "workIncidents") : false} defaultTenant={getPlatformInfo().tenant} />;
}
