import type { Metadata } from "next";
import { RunbookClient } from "@/app/(console)/runbook/client";
import { ErrorPanel } from "@/components/ui/error-panel";
import { currentUser } from "@/lib/auth/access";
import { can } from "@/lib/auth/roles";
import { getRunbookView } from "@/lib/server/runbook";

export const metadata: Metadata = { title: "Runbook" };
export const dynamic = "force-dynamic";

export default async function RunbookPage() {
  const user = await currentUser();
  try {
    const view = await getRunbookView();
    return <RunbookClient view={view} canRun={user ? can(user.role, "runChecks") : false} canOpenIncident={user ? can(user.role, "workIncidents") : false} />;
  } catch (err) {
    return <ErrorPanel title="The runbook could not be read" message={(err as Error).message} hint="Check RUNBOOK_PATH, or unset it to use the runbook shipped with the console." />;
  }
}
