import "server-only";
import { randomBytes } from "node:crypto";
import { headers } from "next/headers";
import type { ConsoleUser } from "@/lib/auth/roles";
import { clientAddress } from "@/lib/http/client-address";
import { getStore } from "@/lib/server/store";
import type { SessionRecord } from "@/lib/store";

/**
 * Server-side session records: the session JWT carries only the record's id (`sid`), and a session counts only
 * while its record is active — ending the record ends the session on every replica, whatever the token says.
 */

// Looked up on every request, so cached briefly per process: this replica sees its own ends at once (the cache is
// updated in place), other replicas within CACHE_MS.
const CACHE_MS = 2_000;
// While the store cannot be read, a session this process saw active this recently keeps working (an incident is
// no time to lock the on-call team out); unknown and ended sessions stay refused.
const STALE_OK_MS = 5 * 60_000;
// Activity ("last seen") is written at most this often per session.
const TOUCH_EVERY_MS = 60_000;

interface Known { userId: string; active: boolean; expiresAt: number; at: number; touchedAt: number }
const holder = globalThis as { __consoleSessions?: Map<string, Known> };
const cache = (holder.__consoleSessions ??= new Map());

function remember(sid: string, entry: Known) {
  cache.delete(sid);
  cache.set(sid, entry);
  if (cache.size > 10_000) cache.delete(cache.keys().next().value as string);
}

const known = (r: SessionRecord, at: number, touchedAt: number): Known => ({
  userId: r.userId, active: r.endedAt === null, expiresAt: Date.parse(r.expiresAt), at, touchedAt,
});

/** Creates the record for a new sign-in and returns its id (to be carried in the JWT). */
export async function startSession(user: ConsoleUser, lifetimeMs: number): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  const now = Date.now();
  let userAgent: string | null = null;
  try {
    userAgent = (await headers()).get("user-agent");
  } catch {
    // outside a request (tests): no user agent
  }
  const store = await getStore();
  const record = await store.sessions.create({
    id, userId: user.id, userName: user.name, role: user.role, createdAt: now, expiresAt: now + lifetimeMs,
    address: clientAddress(), userAgent,
  });
  remember(id, known(record, now, now));
  return id;
}

/** True while the session record exists, belongs to this user, has not ended and has not expired. */
export async function isSessionActive(sid: unknown, userId: unknown): Promise<boolean> {
  if (typeof sid !== "string" || typeof userId !== "string") return false;
  const now = Date.now();
  let entry = cache.get(sid);
  if (!entry || now - entry.at > CACHE_MS) {
    try {
      const record = await (await getStore()).sessions.get(sid);
      if (!record) {
        cache.delete(sid);
        return false;
      }
      entry = known(record, now, entry?.touchedAt ?? 0);
      remember(sid, entry);
    } catch (err) {
      console.error(`[auth] could not read session records: ${(err as Error).message}`);
      if (!entry || !entry.active || now - entry.at > STALE_OK_MS) return false;
    }
  }
  const ok = entry.active && entry.userId === userId && entry.expiresAt > now;
  if (ok && now - entry.touchedAt > TOUCH_EVERY_MS) {
    entry.touchedAt = now;
    void getStore().then((s) => s.sessions.touch(sid, now)).catch(() => {});
  }
  return ok;
}

/** Ends one session (sign-out, or ended from the session list). */
export async function endSession(sid: string, by: string): Promise<boolean> {
  const ended = await (await getStore()).sessions.end(sid, by);
  const entry = cache.get(sid);
  if (entry) entry.active = false;
  return ended;
}

/** "Sign out everywhere": ends every active session of the user. */
export async function endAllSessions(userId: string, by: string): Promise<number> {
  const n = await (await getStore()).sessions.endAllForUser(userId, by);
  for (const entry of cache.values()) if (entry.userId === userId) entry.active = false;
  return n;
}

export async function getSession(sid: string): Promise<SessionRecord | null> {
  return (await getStore()).sessions.get(sid);
}

export async function listActiveSessions(userId?: string): Promise<SessionRecord[]> {
  return (await getStore()).sessions.listActive({ userId, limit: 500 });
}

/** Thrown from next-auth's jwt callback so that its session endpoint clears the cookie instead of re-issuing it. */
export class SessionEndedError extends Error {
  constructor() {
    super("This session has ended; sign in again.");
    this.name = "SessionEndedError";
  }
}
