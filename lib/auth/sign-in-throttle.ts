import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { decide, normaliseUsername, SIGN_IN_POLICY as P, tooManyAttemptsMessage } from "@/lib/auth/sign-in-policy";
import { recordAudit } from "@/lib/server/audit";
import { getStore } from "@/lib/server/store";
import type { AuditClaim, Store } from "@/lib/store";

// Newline-separated: usernames are counted without control characters and addresses are IPs, so keys cannot collide
// (and PostgreSQL refuses NUL in text).
const keys = (username: string, address: string) => ({
  pair: `pair\n${username}\n${address}`,
  user: `user\n${username}`,
  address: `address\n${address}`,
});

/** Refused by a lock: the message is safe to show on the sign-in form. */
export class SignInLockedError extends Error {
  constructor(readonly retryAfterS: number) {
    super(tooManyAttemptsMessage(retryAfterS));
  }
}

/** Before the password is checked: refuses a locked pair or address, slows down a username under attack. */
export async function beforeSignIn(rawUsername: string, address: string): Promise<void> {
  const username = normaliseUsername(rawUsername);
  const k = keys(username, address);
  const store = await getStore();
  await sweepNow(store);
  const rows = new Map((await store.signInThrottle.read([k.pair, k.user, k.address])).map((r) => [r.key, r]));
  const now = Date.now();
  const decision = decide({ pair: rows.get(k.pair), user: rows.get(k.user), address: rows.get(k.address) }, now);
  if (decision.kind === "refuse") {
    const key = decision.by === "pair" ? k.pair : k.address;
    await store.signInThrottle.refuse(key);
    await audit(await store.signInThrottle.claimAudit(key, now, P.auditEveryMs));
    throw new SignInLockedError(decision.retryAfterS);
  }
  if (decision.delayMs > 0) await sleep(decision.delayMs);
}

/** After a wrong password: counts it for the pair, the username and the address (one audit row per pair and minute). */
export async function signInFailed(rawUsername: string, address: string): Promise<void> {
  const username = normaliseUsername(rawUsername);
  const k = keys(username, address);
  const store = await getStore();
  const now = Date.now();
  const common = { username, address, now, windowMs: P.windowMs, lockMs: P.lockMs };
  await store.signInThrottle.fail({ ...common, key: k.pair, kind: "pair", maxFailures: P.pairMaxFailures, audited: true });
  // The username's counter only slows attempts down (it never locks), so a lock cannot be aimed at a victim.
  await store.signInThrottle.fail({ ...common, key: k.user, kind: "user", address: "", maxFailures: 1_000_000, audited: false });
  await store.signInThrottle.fail({ ...common, key: k.address, kind: "address", username: "", maxFailures: P.addressMaxFailures, audited: false });
  await audit(await store.signInThrottle.claimAudit(k.pair, now, P.auditEveryMs));
}

/** After the right password: the pair's failures are forgotten (the username's stay: an attack may go on). */
export async function signInSucceeded(rawUsername: string, address: string): Promise<void> {
  const k = keys(normaliseUsername(rawUsername), address);
  await (await getStore()).signInThrottle.clear(k.pair);
}

// Expired counters are deleted, and attempts not yet audited are written as summary rows, at most once a minute
// per process (on a sign-in attempt and on a timer), so the table stays bounded by what the window can hold.
const holder = globalThis as {
  __consoleThrottleSweep?: { at: number; timer?: NodeJS.Timeout };
  __consoleSignInAudit?: { minute: number; written: number; attempts: number; rows: number; addresses: Set<string> };
};
const sweepState = (holder.__consoleThrottleSweep ??= { at: 0 });
// Rows written this minute by this process, and what did not fit (a flood from many addresses).
const budget = (holder.__consoleSignInAudit ??= { minute: 0, written: 0, attempts: 0, rows: 0, addresses: new Set() });

async function sweepNow(store: Store): Promise<void> {
  sweepState.timer ??= setInterval(() => void getStore().then(sweepNow).catch(() => {}), P.auditEveryMs).unref();
  const now = Date.now();
  if (now - sweepState.at < P.auditEveryMs) return;
  sweepState.at = now;
  try {
    const { claims } = await store.signInThrottle.sweep(now, P.auditEveryMs);
    for (const claim of claims) await audit(claim);
    await flushOverflow(Math.floor(now / 60_000));
    await store.sessions.prune(now - 7 * 86_400_000);
  } catch (err) {
    console.error(`[auth] sign-in throttle sweep failed: ${(err as Error).message}`);
  }
}

/** One audit row for the attempts a claim covers: the username tried (not a guessed role), the address, the counts. */
async function audit(claim: AuditClaim | null): Promise<void> {
  if (!claim || claim.failed + claim.refused === 0) return;
  await flushOverflow(Math.floor(Date.now() / 60_000));
  if (budget.written >= P.auditRowsPerMinute) {
    budget.attempts += claim.failed + claim.refused;
    budget.rows += 1;
    if (budget.addresses.size < 1_000) budget.addresses.add(claim.address);
    return;
  }
  budget.written += 1;
  const byAddress = claim.kind === "address";
  await recordAudit({
    actor: byAddress ? "(any username)" : claim.username || "(blank)",
    role: "anonymous",
    action: "auth.sign_in",
    outcome: "denied",
    details: {
      reason: byAddress ? "address_locked" : claim.failed > 0 ? "bad_credentials" : "locked",
      attempts: claim.failed + claim.refused,
      failed: claim.failed,
      refused: claim.refused,
    },
    ip: claim.address,
  });
}

/** Once the minute is over, what did not fit in the per-minute budget becomes one summary row. */
async function flushOverflow(minute: number): Promise<void> {
  if (minute === budget.minute) return;
  const { attempts, rows, addresses } = budget;
  Object.assign(budget, { minute, written: 0, attempts: 0, rows: 0, addresses: new Set<string>() });
  if (attempts === 0) return;
  await recordAudit({
    actor: "(many usernames)",
    role: "anonymous",
    action: "auth.sign_in",
    outcome: "denied",
    details: { reason: "flood", attempts, usernameAddressPairs: rows, addresses: addresses.size, sample: [...addresses].slice(0, 20) },
  });
}
