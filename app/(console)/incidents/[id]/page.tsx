import type { Metadata } from "next";
import { IncidentClient } from "@/app/(console)/incidents/[id]/client";
import type { RunbookView } from "@/components/runbook/view-types";
import { ErrorPanel } from "@/components/ui/error-panel";
import { can } from "@/lib/auth/roles";
import { pageUser } from "@/lib/server/page";
import { getRunbookView } from "@/lib/server/runbook";

export const metadata: Metadata = { title: "Incident" };
export const dynamic = "force-dynamic";

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { role } = await pageUser("viewer");
  const { id } = await params;
  const loaded: RunbookView | Error = await getRunbookView().catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
  if (loaded instanceof Error) {
    return <ErrorPanel title="The runbook could not be read" message={loaded.message} hint="Check RUNBOOK_PATH; the incident itself is safe in the store." />;
  }
  return (
    <IncidentClient
      id={id}
      view={loaded}
      can={{
        work: can(role, "workIncidents"),
        run: can(role, "runChecks"),
        resolve: can(role, "resolveIncidents"),
        manage: can(role, "manageIncidents"),
        export: can(role, "export"),
      }}
    />
  );
}
