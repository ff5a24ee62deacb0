import "server-only";
import type { Role } from "@/lib/auth/roles";
import { getStore } from "@/lib/server/store";

export interface AuditInput {
  actor: string;
  /** "anonymous" for attempts by no one signed in (failed sign-ins): never a role guessed from a username. */
  role: Role | "anonymous";
  action: string;
  target?: string;
  outcome: "ok" | "denied" | "error";
  details?: Record<string, unknown>;
  ip?: string;
}

/**
 * Appends to the audit trail. A failure is logged loudly but does not fail the user's action:
 * refusing a read because the audit store is down would blind the on-call engineer mid-incident.
 */
export async function recordAudit(entry: AuditInput): Promise<boolean> {
  try {
    const store = await getStore();
    await store.audit.append(entry);
    return true;
  } catch (err) {
    console.error(`[audit] could not record ${entry.action} by ${entry.actor}: ${(err as Error).message}`);
    return false;
  }
}
