import "server-only";
import type { ConsoleUser, Role } from "@/lib/auth/roles";
import { processState } from "@/lib/server/process-state";
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

/**
 * A refused request or page, in the audit trail (who, what, why): once per user, method and path a minute,
 * so a refresh or retry loop cannot flood it. Someone simply not signed in is not recorded.
 */
export async function auditRefusal(user: ConsoleUser, method: string, path: string, why: string, extra: Record<string, unknown> = {}): Promise<void> {
  const key = `${user.id} ${method} ${path}`;
  const seen = (processState.auditedRefusals ??= new Map<string, number>());
  const now = Date.now();
  if ((seen.get(key) ?? 0) > now - 60_000) return;
  seen.set(key, now);
  if (seen.size > 5_000) for (const [k, t] of seen) if (t <= now - 60_000) seen.delete(k);
  await recordAudit({ actor: user.id, role: user.role, action: "access.refused", target: path.slice(0, 200), outcome: "denied", details: { method, why, ...extra } });
}
