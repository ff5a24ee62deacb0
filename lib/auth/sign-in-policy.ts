/**
 * The sign-in throttling policy (documented in SECURITY.md). Pure: the numbers and the decision; the counters
 * live in the store (lib/auth/sign-in-throttle.ts) so every replica shares them and no flood can evict them.
 */
export const SIGN_IN_POLICY = {
  /** Failures are counted over this window… */
  windowMs: 15 * 60_000,
  /** …and this many from one address for one username lock that (username, address) pair only… */
  pairMaxFailures: 5,
  /** …for this long. The right password from another address is not affected. */
  lockMs: 15 * 60_000,
  /** This many for one username from any addresses: the username is under attack, and every attempt on it is slowed… */
  userSlowAfter: 10,
  /** …by this much, the right password included, never refused. */
  slowDelayMs: 2_000,
  /** This many from one address, whatever the usernames: that address is refused (bounds what one client can store). */
  addressMaxFailures: 100,
  /** At most one audit row per (username, address) per this long; the rest are counted into the next row. */
  auditEveryMs: 60_000,
  /** And at most this many failed-sign-in rows per minute per replica; the rest are one "flood" summary row. */
  auditRowsPerMinute: 60,
} as const;

export interface ThrottleView {
  pair?: { lockedUntil: number };
  user?: { failures: number; windowStart: number };
  address?: { lockedUntil: number };
}

export type ThrottleDecision =
  | { kind: "refuse"; by: "pair" | "address"; retryAfterS: number }
  | { kind: "allow"; delayMs: number };

export function decide(view: ThrottleView, now: number, policy = SIGN_IN_POLICY): ThrottleDecision {
  for (const by of ["address", "pair"] as const) {
    const until = view[by]?.lockedUntil ?? 0;
    if (until > now) return { kind: "refuse", by, retryAfterS: Math.ceil((until - now) / 1000) };
  }
  const user = view.user;
  const attacked = user !== undefined && user.windowStart + policy.windowMs > now && user.failures >= policy.userSlowAfter;
  return { kind: "allow", delayMs: attacked ? policy.slowDelayMs : 0 };
}

/** The username as counted: case and surrounding space do not make a new counter; control characters are dropped. */
export function normaliseUsername(raw: string): string {
  return raw.replace(/[\u0000-\u001f\u007f]/g, "").trim().toLowerCase().slice(0, 64);
}

/** What the sign-in form shows while a lock holds; the e2e test looks for "try again in N s". */
export function tooManyAttemptsMessage(seconds: number): string {
  return `Too many failed attempts; try again in ${seconds} s.`;
}
