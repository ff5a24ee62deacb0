import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SessionsClient } from "@/app/(console)/account/sessions/client";
import { currentUser } from "@/lib/auth/access";
import { hasRole } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Sessions" };

export default async function SessionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Checked here, not only in the layout: the page must not render for a session that has ended.
  const user = await currentUser();
  if (!user) redirect("/login?callbackUrl=%2Faccount%2Fsessions");
  const isAdmin = hasRole(user.role, "admin");
  const scope = isAdmin && (await searchParams).scope === "all" ? "all" : "mine";
  return <SessionsClient scope={scope} isAdmin={isAdmin} />;
}
