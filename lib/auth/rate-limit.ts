/**
 * Fixed-window login throttle per (username, address). In memory on purpose: a replica restart resets it,
 * which is acceptable for a small team console; a shared store would be needed for strict limits.
 */
export function createLoginThrottle(opts: { maxFailures: number; windowMs: number; now?: () => number }) {
  const now = opts.now ?? Date.now;
  const failures = new Map<string, { count: number; firstAt: number }>();

  function key(username: string, ip: string) {
    return `${username.toLowerCase()}\u0000${ip}`;
  }

  return {
    /** Seconds until another attempt is allowed, or 0. */
    retryAfterS(username: string, ip: string): number {
      const entry = failures.get(key(username, ip));
      if (!entry) return 0;
      const elapsed = now() - entry.firstAt;
      if (elapsed >= opts.windowMs) {
        failures.delete(key(username, ip));
        return 0;
      }
      return entry.count >= opts.maxFailures ? Math.ceil((opts.windowMs - elapsed) / 1000) : 0;
    },
    fail(username: string, ip: string) {
      const k = key(username, ip);
      const entry = failures.get(k);
      if (!entry || now() - entry.firstAt >= opts.windowMs) failures.set(k, { count: 1, firstAt: now() });
      else entry.count += 1;
      if (failures.size > 10_000) failures.delete(failures.keys().next().value as string);
    },
    succeed(username: string, ip: string) {
      failures.delete(key(username, ip));
    },
  };
}

/** What the sign-in form shows while a throttle holds; the e2e test looks for "try again in N s". */
export function tooManyAttemptsMessage(seconds: number): string {
  return `Too many failed attempts; try again in ${seconds} s.`;
}
