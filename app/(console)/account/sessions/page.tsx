import type { Metadata } from "next";
import { SessionsClient } from "@/app/(console)/account/sessions/client";
import { hasRole } from "@/lib/auth/roles";
import { pageUser } from "@/lib/server/page";

export const metadata: Metadata = { title: "Sessions" };

export default async function SessionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Checked here, not only in the layout: the page must not render for a session that has ended.
  const user = await pageUser("viewer");
  const isAdmin = hasRole(user.role, "admin");
  const scope = isAdmin && (await searchParams).scope === "all" ? "all" : "mine";
  return <SessionsClient scope={scope} isAdmin={isAdmin} />;
}
