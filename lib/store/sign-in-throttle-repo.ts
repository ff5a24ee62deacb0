import { sql } from "kysely";
import { z } from "zod";
import type { Connection } from "./connect";
import type { Guard } from "./errors";
import { parseInput } from "./input";

export type ThrottleKind = "pair" | "user" | "address";

/** A throttle counter: failed sign-ins of one (username, address) pair, one username, or one address. */
export interface ThrottleState {
  key: string;
  kind: ThrottleKind;
  failures: number;
  windowStart: number;
  /** Epoch ms; 0 or in the past when not locked. */
  lockedUntil: number;
}

/** Attempts not yet written to the audit trail, claimed by exactly one caller (any replica). */
export interface AuditClaim {
  key: string;
  kind: ThrottleKind;
  username: string;
  address: string;
  failed: number;
  refused: number;
}

export interface ThrottleFailure {
  key: string;
  kind: ThrottleKind;
  username: string;
  address: string;
  now: number;
  windowMs: number;
  /** Failures within the window that lock the key… */
  maxFailures: number;
  /** …for this long from the failure that reached the limit. */
  lockMs: number;
  /** Whether this failure is to be written to the audit trail (one counter per attempt does it). */
  audited: boolean;
}

export interface SignInThrottleRepo {
  read(keys: string[]): Promise<ThrottleState[]>;
  /** Counts a failure (atomically, shared by replicas) and returns the key's new state. */
  fail(f: ThrottleFailure): Promise<ThrottleState>;
  /** Counts an attempt refused while locked (for the audit summary only; it does not extend the lock). */
  refuse(key: string): Promise<void>;
  /** Forgets a key (a successful sign-in clears its pair). */
  clear(key: string): Promise<void>;
  /** Claims the key's unaudited attempts when its last audit row is older than `everyMs`. */
  claimAudit(key: string, now: number, everyMs: number): Promise<AuditClaim | null>;
  /** Claims every key's unaudited attempts older than `everyMs`, then deletes expired keys with nothing pending. */
  sweep(now: number, everyMs: number): Promise<{ claims: AuditClaim[]; deleted: number }>;
  count(): Promise<number>;
}

const zKey = z.string().min(1).max(400).refine((k) => !k.includes("\u0000"), "must not contain NUL");
const zMs = z.number().int().min(0);
const failureSchema = z.object({
  key: zKey,
  kind: z.enum(["pair", "user", "address"]),
  username: z.string().max(200),
  address: z.string().max(100),
  now: zMs,
  windowMs: z.number().int().min(1),
  maxFailures: z.number().int().min(1),
  lockMs: z.number().int().min(0),
  audited: z.boolean(),
});

type Row = { key: string; kind: string; failures: number; window_start: number; locked_until: number };
const toState = (r: Row): ThrottleState => ({
  key: r.key,
  kind: r.kind as ThrottleKind,
  failures: Number(r.failures),
  windowStart: Number(r.window_start),
  lockedUntil: Number(r.locked_until),
});

type ClaimRow = { key: string; kind: string; username: string; address: string; claimed_failed: number; claimed_refused: number };
const toClaim = (r: ClaimRow): AuditClaim => ({
  key: r.key, kind: r.kind as ThrottleKind, username: r.username, address: r.address,
  failed: Number(r.claimed_failed), refused: Number(r.claimed_refused),
});

const big = (n: number) => sql<number>`cast(${n} as bigint)`;

export function signInThrottleRepo({ db }: Connection, guard: Guard): SignInThrottleRepo {
  // Claiming moves the pending counts to claimed_* in one UPDATE (SET sees the old row), so two replicas sweeping
  // at once never both write the same attempts to the audit trail.
  const claimSet = (now: number) => ({
    claimed_failed: sql<number>`pending_failed`,
    claimed_refused: sql<number>`pending_refused`,
    pending_failed: 0,
    pending_refused: 0,
    audit_at: now,
  });
  const claimReturning = ["key", "kind", "username", "address", "claimed_failed", "claimed_refused"] as const;

  return {
    async read(keys) {
      const k = parseInput("throttle keys", z.array(zKey).max(10), keys);
      if (k.length === 0) return [];
      return guard("throttle.read", async () => {
        const rows = await db.selectFrom("sign_in_throttle").select(["key", "kind", "failures", "window_start", "locked_until"])
          .where("key", "in", k).execute();
        return rows.map(toState);
      });
    },

    async fail(failure) {
      const f = parseInput("throttle failure", failureSchema, failure);
      const keepUntil = f.now + Math.max(f.windowMs, f.lockMs);
      return guard("throttle.fail", async () => {
        // In the window: one more failure; after it: a fresh window. The lock is set by the failure reaching the limit.
        const inWindow = sql`sign_in_throttle.window_start + ${big(f.windowMs)} > ${big(f.now)}`;
        const next = sql`case when ${inWindow} then sign_in_throttle.failures + 1 else 1 end`;
        const row = await db
          .insertInto("sign_in_throttle")
          .values({
            key: f.key, kind: f.kind, username: f.username, address: f.address, window_start: f.now, failures: 1,
            locked_until: f.maxFailures <= 1 ? f.now + f.lockMs : 0, expires_at: keepUntil, audit_at: 0,
            pending_failed: f.audited ? 1 : 0, pending_refused: 0, claimed_failed: 0, claimed_refused: 0,
          })
          .onConflict((oc) =>
            oc.column("key").doUpdateSet({
              failures: sql<number>`${next}`,
              window_start: sql<number>`case when ${inWindow} then sign_in_throttle.window_start else ${big(f.now)} end`,
              locked_until: sql<number>`case when ${next} >= ${f.maxFailures} then ${big(f.now + f.lockMs)} else sign_in_throttle.locked_until end`,
              expires_at: sql<number>`case when sign_in_throttle.expires_at > ${big(keepUntil)} then sign_in_throttle.expires_at else ${big(keepUntil)} end`,
              pending_failed: sql<number>`sign_in_throttle.pending_failed + ${f.audited ? 1 : 0}`,
            }),
          )
          .returning(["key", "kind", "failures", "window_start", "locked_until"])
          .executeTakeFirstOrThrow();
        return toState(row);
      });
    },

    async refuse(key) {
      const k = parseInput("throttle key", zKey, key);
      await guard("throttle.refuse", async () => {
        await db.updateTable("sign_in_throttle").set({ pending_refused: sql`pending_refused + 1` }).where("key", "=", k).execute();
      });
    },

    async clear(key) {
      const k = parseInput("throttle key", zKey, key);
      await guard("throttle.clear", async () => {
        await db.deleteFrom("sign_in_throttle").where("key", "=", k).execute();
      });
    },

    async claimAudit(key, now, everyMs) {
      const c = parseInput("audit claim", z.object({ key: zKey, now: zMs, everyMs: zMs }), { key, now, everyMs });
      return guard("throttle.claimAudit", async () => {
        const row = await db.updateTable("sign_in_throttle").set(claimSet(c.now)).where("key", "=", c.key)
          .where(sql<boolean>`pending_failed + pending_refused > 0`).where("audit_at", "<=", c.now - c.everyMs)
          .returning(claimReturning).executeTakeFirst();
        return row ? toClaim(row) : null;
      });
    },

    async sweep(now, everyMs) {
      const s = parseInput("throttle sweep", z.object({ now: zMs, everyMs: zMs }), { now, everyMs });
      return guard("throttle.sweep", async () => {
        const claimed = await db.updateTable("sign_in_throttle").set(claimSet(s.now))
          .where(sql<boolean>`pending_failed + pending_refused > 0`).where("audit_at", "<=", s.now - s.everyMs)
          .returning(claimReturning).execute();
        const res = await db.deleteFrom("sign_in_throttle").where("expires_at", "<", s.now)
          .where("pending_failed", "=", 0).where("pending_refused", "=", 0).executeTakeFirst();
        return { claims: claimed.map(toClaim), deleted: Number(res.numDeletedRows) };
      });
    },

    async count() {
      return guard("throttle.count", async () => {
        const row = await db.selectFrom("sign_in_throttle").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
        return Number(row.n);
      });
    },
  };
}
