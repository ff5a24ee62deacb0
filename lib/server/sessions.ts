import "server-only";
import { hasRole } from "@/lib/auth/roles";
import { endAllSessions, endSession, getSession, listActiveSessions } from "@/lib/auth/sessions";
import { ApiError } from "@/lib/http/errors";
import { auditAs, authorize } from "@/lib/server/access";
import type { SessionRecord } from "@/lib/store/session-repo";

/** A session as the session list shows it: its record without the ending fields, and whether it is this one. */
export type SessionView = Omit<SessionRecord, "endedAt" | "endedBy"> & {
  /** The session this request was made with. */
  current: boolean;
};

/** The caller's active sessions, or everyone's (`all`, admin only). */
export async function listSessions(scope: "mine" | "all"): Promise<SessionView[]> {
  const user = await authorize(scope === "all" ? "admin" : "viewer");
  const records = await listActiveSessions(scope === "all" ? undefined : user.id);
  return records.map(({ endedAt: _endedAt, endedBy: _endedBy, ...r }) => ({ ...r, current: r.id === user.sessionId }));
}

/** Ends a session the caller may end: their own, or anyone's for an admin. Others' ids are "not found", not "forbidden". */
export async function endSessionById(id: string): Promise<{ ended: boolean }> {
  const user = await authorize("viewer");
  const record = await getSession(id);
  if (!record || (record.userId !== user.id && !hasRole(user.role, "admin"))) {
    throw new ApiError("not_found", "No such session among those you may end.");
  }
  const ended = await endSession(id, user.id);
  await auditAs(user, { action: "auth.session_end", target: record.userId, details: { ended, own: record.userId === user.id } });
  return { ended };
}

/** "Sign out everywhere": every session of the caller, or (admin only) of `userId`, ends on every device. */
export async function endAllSessionsOf(userId?: string): Promise<{ ended: number }> {
  const user = await authorize("viewer");
  const target = userId ?? user.id;
  if (target !== user.id && !hasRole(user.role, "admin")) {
    throw new ApiError("forbidden", "Ending another user's sessions needs the admin role.");
  }
  const ended = await endAllSessions(target, user.id);
  await auditAs(user, { action: "auth.sign_out_everywhere", target, details: { ended } });
  return { ended };
}
