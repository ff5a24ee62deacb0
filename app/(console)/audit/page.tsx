import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditClient } from "@/app/(console)/audit/client";
import { Spinner } from "@/components/ui/spinner";
import { can } from "@/lib/auth/roles";
import { auditPageRefusal, pageUser } from "@/lib/server/page";

export const metadata: Metadata = { title: "Audit trail" };

export default async function AuditPage() {
  const user = await pageUser("viewer");
  if (!can(user.role, "readAudit")) {
    await auditPageRefusal(user, "needs admin");
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-xl font-semibold">Audit trail</h1>
        <div role="alert" className="panel p-4">
          <p className="font-medium">The audit trail needs the admin role.</p>
          <p className="muted mt-1 text-sm">
            You are signed in as {user.name} with the {user.role} role. Ask an admin of the console
            if you need to know who did what.
          </p>
        </div>
      </div>
    );
  }
  return (
    <Suspense fallback={<Spinner label="Loading the audit trail…" />}>
      <AuditClient />
    </Suspense>
  );
}
