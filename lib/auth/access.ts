import "server-only";
import { getServerSession } from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";
import { hasRole, isRole, type ConsoleUser, type Role } from "@/lib/auth/roles";

/** The signed-in user, or null. Every route handler and page goes through here, never through proxy.ts alone. */
export async function currentUser(): Promise<ConsoleUser | null> {
  const session = await getServerSession(getAuthOptions());
  const user = session?.user as Record<string, unknown> | undefined;
  if (!user || typeof user.id !== "string") return null;
  return { id: user.id, name: typeof user.name === "string" ? user.name : user.id, role: isRole(user.role) ? user.role : "viewer" };
}

export type AccessResult = { ok: true; user: ConsoleUser } | { ok: false; status: 401 | 403; user: ConsoleUser | null };

export async function checkAccess(required: Role): Promise<AccessResult> {
  const user = await currentUser();
  if (!user) return { ok: false, status: 401, user: null };
  if (!hasRole(user.role, required)) return { ok: false, status: 403, user };
  return { ok: true, user };
}
