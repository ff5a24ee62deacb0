import type { ExpiredKey } from "@/lib/bgops/types";

/**
 * Idempotency keys this console has seen in a recent list, with their creation time. The API answers a plain
 * 404 for an expired key; having listed it shortly before is what lets the page say "expired" instead of
 * "not found". Bounded: the oldest entries go first.
 */
export class RecentKeys {
  private readonly seen = new Map<string, string | null>();
  constructor(private readonly max = 5_000) {}

  remember(key: string, createdAt: string | null): void {
    this.seen.delete(key);
    this.seen.set(key, createdAt);
    while (this.seen.size > this.max) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
  }

  /** "expired" evidence for a key that now 404s, or null when this console never listed it. */
  expired(key: string): ExpiredKey | null {
    return this.seen.has(key) ? { createdAt: this.seen.get(key) ?? null, evidence: "recent-list" } : null;
  }
}

const clock = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

/** "Idempotency key k expired (created 2026-12-05 01:02:03 UTC, 24 h TTL): …" — the same words for both sources. */
export function expiredKeyMessage(key: string, e: ExpiredKey): string {
  const created = e.createdAt ? `created ${clock(e.createdAt)}, ` : "";
  const how =
    e.evidence === "redis-index"
      ? "it is still in bgops:idempo:index, but its record is gone"
      : "it was in a recent list this console fetched, and the API now answers 404";
  return `Idempotency key ${key} expired (${created}24 h TTL): ${how}.`;
}
