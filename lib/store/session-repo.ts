import { z } from "zod";
import type { Connection } from "./connect";
import type { Guard } from "./errors";
import { iso, isoOrNull, parseInput } from "./input";

/** One signed-in session. The JWT in the browser carries only `id`; this record decides whether it still counts. */
export interface SessionRecord {
  id: string;
  userId: string;
  userName: string;
  role: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  /** Set once the session was ended (sign-out, sign-out everywhere, an admin); an ended record never revives. */
  endedAt: string | null;
  endedBy: string | null;
  /** Client address and user agent at sign-in: "where" in the session list. */
  address: string | null;
  userAgent: string | null;
}

export interface NewSession {
  id: string;
  userId: string;
  userName: string;
  role: string;
  createdAt: number;
  expiresAt: number;
  address?: string | null;
  userAgent?: string | null;
}

export interface SessionRepo {
  create(session: NewSession): Promise<SessionRecord>;
  get(id: string): Promise<SessionRecord | null>;
  /** Records activity on an active session (the caller rate-limits it). */
  touch(id: string, at: number): Promise<void>;
  /** Ends one session; false when it was already ended or does not exist. */
  end(id: string, by: string, at?: number): Promise<boolean>;
  /** Ends every active session of a user ("sign out everywhere"); returns how many were ended. */
  endAllForUser(userId: string, by: string, at?: number): Promise<number>;
  /** Active (not ended, not expired) sessions, newest first; of one user, or of everyone when userId is omitted. */
  listActive(query: { userId?: string; now?: number; limit: number }): Promise<SessionRecord[]>;
  /** Deletes records that expired or ended before `before`; returns how many. */
  prune(before: number): Promise<number>;
}

const zId = z.string().min(16).max(100).regex(/^[A-Za-z0-9_-]+$/, "must be a session id");
const zUser = z.string().min(1).max(200);
const zMs = z.number().int().min(0);
const newSchema = z.object({
  id: zId,
  userId: zUser,
  userName: z.string().min(1).max(200),
  role: z.string().min(1).max(50),
  createdAt: zMs,
  expiresAt: zMs,
  address: z.string().max(100).nullish(),
  userAgent: z.string().nullish().transform((v) => (v ? v.slice(0, 300) : null)),
});

type Row = { id: string; user_id: string; user_name: string; role: string; created_at: number; last_seen_at: number;
  expires_at: number; ended_at: number | null; ended_by: string | null; address: string | null; user_agent: string | null };

function toRecord(r: Row): SessionRecord {
  return {
    id: r.id,
    userId: r.user_id,
    userName: r.user_name,
    role: r.role,
    createdAt: iso(Number(r.created_at)),
    lastSeenAt: iso(Number(r.last_seen_at)),
    expiresAt: iso(Number(r.expires_at)),
    endedAt: isoOrNull(r.ended_at === null ? null : Number(r.ended_at)),
    endedBy: r.ended_by,
    address: r.address,
    userAgent: r.user_agent,
  };
}

export function sessionRepo({ db }: Connection, guard: Guard): SessionRepo {
  return {
    async create(session) {
      const s = parseInput("session", newSchema, session);
      return guard("sessions.create", async () => {
        const row = await db
          .insertInto("sessions")
          .values({
            id: s.id, user_id: s.userId, user_name: s.userName, role: s.role, created_at: s.createdAt,
            last_seen_at: s.createdAt, expires_at: s.expiresAt, ended_at: null, ended_by: null,
            address: s.address ?? null, user_agent: s.userAgent,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toRecord(row);
      });
    },
    async get(id) {
      // A malformed id (a forged or truncated token) is simply not a session.
      if (!zId.safeParse(id).success) return null;
      return guard("sessions.get", async () => {
        const row = await db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
        return row ? toRecord(row) : null;
      });
    },
    async touch(id, at) {
      const t = parseInput("session touch", z.object({ id: zId, at: zMs }), { id, at });
      await guard("sessions.touch", async () => {
        await db.updateTable("sessions").set({ last_seen_at: t.at }).where("id", "=", t.id).where("ended_at", "is", null)
          .where("last_seen_at", "<", t.at).execute();
      });
    },
    async end(id, by, at = Date.now()) {
      const e = parseInput("session end", z.object({ id: zId, by: zUser, at: zMs }), { id, by, at });
      return guard("sessions.end", async () => {
        const res = await db.updateTable("sessions").set({ ended_at: e.at, ended_by: e.by }).where("id", "=", e.id)
          .where("ended_at", "is", null).executeTakeFirst();
        return Number(res.numUpdatedRows) > 0;
      });
    },
    async endAllForUser(userId, by, at = Date.now()) {
      const e = parseInput("sessions end", z.object({ userId: zUser, by: zUser, at: zMs }), { userId, by, at });
      return guard("sessions.endAllForUser", async () => {
        const res = await db.updateTable("sessions").set({ ended_at: e.at, ended_by: e.by }).where("user_id", "=", e.userId)
          .where("ended_at", "is", null).executeTakeFirst();
        return Number(res.numUpdatedRows);
      });
    },
    async listActive(query) {
      const q = parseInput("session query", z.object({ userId: zUser.optional(), now: zMs.optional(), limit: z.number().int().min(1).max(1000) }), query);
      return guard("sessions.listActive", async () => {
        let sel = db.selectFrom("sessions").selectAll().where("ended_at", "is", null).where("expires_at", ">", q.now ?? Date.now());
        if (q.userId !== undefined) sel = sel.where("user_id", "=", q.userId);
        const rows = await sel.orderBy("created_at", "desc").orderBy("id").limit(q.limit).execute();
        return rows.map(toRecord);
      });
    },
    async prune(before) {
      const b = parseInput("prune time", zMs, before);
      return guard("sessions.prune", async () => {
        const res = await db.deleteFrom("sessions")
          .where((eb) => eb.or([eb("expires_at", "<", b), eb("ended_at", "<", b)]))
          .executeTakeFirst();
        return Number(res.numDeletedRows);
      });
    },
  };
}
