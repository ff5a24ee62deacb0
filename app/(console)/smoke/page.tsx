import type { Metadata } from "next";
import { SmokeClient } from "@/app/(console)/smoke/client";
import { can } from "@/lib/auth/roles";
import { pageUser } from "@/lib/server/page";

export const metadata: Metadata = { title: "Smoke test" };

export default async function SmokePage() {
  const user = await pageUser("viewer");
  return <SmokeClient canRun={can(user.role, "runChecks")} />;
}
