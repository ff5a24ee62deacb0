import "server-only";
import { getStore } from "@/lib/server/store";

// Looked up on every request, so cached briefly: another replica's "sign out everywhere" takes effect within this.
const CACHE_MS = 5_000;
// On globalThis: Next bundles route handlers and pages separately, and both must see a revocation at once.
const holder = globalThis as { __consoleRevocations?: Map<string, { revokedBefore: number | null; at: number }> };
const cache = (holder.__consoleRevocations ??= new Map());

/**
 * True when the user signed out everywhere after this session was issued. Fails open when the store cannot be
 * read: an unreadable store must not lock the on-call team out of the console in the middle of an incident.
 */
export async function isRevoked(userId: string, issuedAtS: number): Promise<boolean> {
  let entry = cache.get(userId);
  if (!entry || Date.now() - entry.at > CACHE_MS) {
    try {
      const store = await getStore();
      entry = { revokedBefore: await store.sessions.revokedBefore(userId), at: Date.now() };
      cache.set(userId, entry);
      if (cache.size > 5_000) cache.delete(cache.keys().next().value as string);
    } catch (err) {
      console.error(`[auth] could not read session revocations: ${(err as Error).message}`);
      return false;
    }
  }
  return entry.revokedBefore !== null && issuedAtS * 1000 < entry.revokedBefore;
}

export async function revokeAllSessions(userId: string): Promise<void> {
  const store = await getStore();
  const at = Date.now();
  await store.sessions.revokeAllBefore(userId, at);
  cache.set(userId, { revokedBefore: at, at });
}
