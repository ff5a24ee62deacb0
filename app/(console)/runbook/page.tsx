import type { Metadata } from "next";
import { RunbookClient } from "@/app/(console)/runbook/client";
import type { RunbookView } from "@/components/runbook/view-types";
import { ErrorPanel } from "@/components/ui/error-panel";
import { can } from "@/lib/auth/roles";
import { pageUser } from "@/lib/server/page";
import { getRunbookView } from "@/lib/server/runbook";

export const metadata: Metadata = { title: "Runbook" };
export const dynamic = "force-dynamic";

export default async function RunbookPage() {
  const user = await pageUser("viewer");
  const loaded: RunbookView | Error = await getRunbookView().catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
  if (loaded instanceof Error) {
    return <ErrorPanel title="The runbook could not be read" message={loaded.message} hint="Check RUNBOOK_PATH, or unset it to use the runbook shipped with the console." />;
  }
  return <RunbookClient view={loaded} canRun={can(user.role, "runChecks")} canOpenIncident={can(user.role, "workIncidents")} />;
}
