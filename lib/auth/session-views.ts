import "server-only";
import { hasRole, type ConsoleUser } from "@/lib/auth/roles";
import { endSession, getSession, listActiveSessions } from "@/lib/auth/sessions";
import { ApiError } from "@/lib/http/errors";

/** A session as the session list shows it. */
export interface SessionView {
  id: string;
  userId: string;
  userName: string;
  role: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  address: string | null;
  userAgent: string | null;
  /** The session this request was made with. */
  current: boolean;
}

export async function listSessionViews(user: ConsoleUser, scope: "mine" | "all"): Promise<SessionView[]> {
  const records = await listActiveSessions(scope === "all" ? undefined : user.id);
  return records.map((r) => ({
    id: r.id, userId: r.userId, userName: r.userName, role: r.role, createdAt: r.createdAt, lastSeenAt: r.lastSeenAt,
    expiresAt: r.expiresAt, address: r.address, userAgent: r.userAgent, current: r.id === user.sessionId,
  }));
}

/** Ends a session the user may end: their own, or anyone's for an admin. Others' ids are "not found", not "forbidden". */
export async function endSessionAs(user: ConsoleUser, id: string): Promise<{ userId: string; ended: boolean }> {
  const record = await getSession(id);
  if (!record || (record.userId !== user.id && !hasRole(user.role, "admin"))) {
    throw new ApiError("not_found", "No such session among those you may end.");
  }
  return { userId: record.userId, ended: await endSession(id, user.id) };
}
