import type { Metadata } from "next";
import { SmokeClient } from "@/app/(console)/smoke/client";
import { currentUser } from "@/lib/auth/access";
import { can } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Smoke test" };

export default async function SmokePage() {
  const user = await currentUser();
  return <SmokeClient canRun={user ? can(user.role, "runChecks") : false} />;
}
