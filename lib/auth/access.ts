import "server-only";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { cache } from "react";
import { getAuthOptions, sessionCookieName } from "@/lib/auth/options";
import { hasRole, isRole, type ConsoleUser, type Role } from "@/lib/auth/roles";
import { isSessionActive } from "@/lib/auth/sessions";
import { processState } from "@/lib/server/process-state";
import { TtlMap } from "@/lib/server/ttl-map";

/**
 * The signed-in user, or null. Every route handler and page goes through here, never through proxy.ts alone.
 * It decodes the session JWT directly (next-auth's getServerSession rebuilds a whole internal request, several
 * milliseconds on every API call) and is cached per request, so a layout and its page decode once. The token
 * only names a session record (`sid`); the record decides (lib/auth/sessions.ts), so an ended session is refused
 * at once on the replica that ended it and within seconds on the others.
 */
export const currentUser = cache(async (): Promise<ConsoleUser | null> => {
  const token = (await cookies()).get(sessionCookieName())?.value;
  if (!token) return null;
  const payload = await decodeSession(token);
  if (!payload || typeof payload.sub !== "string") return null;
  if (typeof payload.exp === "number" && payload.exp * 1000 < Date.now()) return null;
  if (!(await isSessionActive(payload.sid, payload.sub))) return null;
  return {
    id: payload.sub,
    name: typeof payload.name === "string" ? payload.name : payload.sub,
    role: isRole(payload.role) ? payload.role : "viewer",
    sessionId: payload.sid as string,
  };
});

type SessionPayload = Awaited<ReturnType<typeof decode>>;
// Decrypting the session JWE (key derivation + AES-GCM) is the largest fixed cost of an API call; a token is
// immutable, so its decoded payload is reused for a minute. Expiry and the session record are checked every time.
const DECODED_TTL_MS = 60_000;

async function decodeSession(token: string): Promise<SessionPayload> {
  const decoded = (processState.decodedSessions ??= new TtlMap<unknown>(1_000, DECODED_TTL_MS));
  const hit = decoded.get(token) as SessionPayload | undefined;
  if (hit) return hit;
  const payload = await decode({ token, secret: getAuthOptions().secret ?? "" }).catch(() => null);
  if (payload) decoded.set(token, payload);
  return payload;
}

export type AccessResult = { ok: true; user: ConsoleUser } | { ok: false; status: 401 | 403; user: ConsoleUser | null };

export async function checkAccess(required: Role): Promise<AccessResult> {
  const user = await currentUser();
  if (!user) return { ok: false, status: 401, user: null };
  if (!hasRole(user.role, required)) return { ok: false, status: 403, user };
  return { ok: true, user };
}
