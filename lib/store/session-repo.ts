import { z } from "zod";
import type { Connection } from "./connect";
import type { Guard } from "./errors";
import { parseInput } from "./input";

export interface SessionRepo {
  /** Refuse every session of this user issued before `at` (ms): "sign out everywhere". */
  revokeAllBefore(userId: string, at: number): Promise<void>;
  /** The time before which this user's sessions are refused, or null. */
  revokedBefore(userId: string): Promise<number | null>;
}

const zUser = z.string().min(1).max(200);

export function sessionRepo({ db }: Connection, guard: Guard): SessionRepo {
  return {
    async revokeAllBefore(userId, at) {
      const r = parseInput("session revocation", z.object({ userId: zUser, at: z.number().int().min(0) }), { userId, at });
      await guard("sessions.revokeAllBefore", async () => {
        await db
          .insertInto("session_revocations")
          .values({ user_id: r.userId, revoked_before: r.at })
          .onConflict((oc) => oc.column("user_id").doUpdateSet({ revoked_before: r.at }))
          .execute();
      });
    },
    async revokedBefore(userId) {
      const id = parseInput("user id", zUser, userId);
      return guard("sessions.revokedBefore", async () => {
        const row = await db.selectFrom("session_revocations").select("revoked_before").where("user_id", "=", id).executeTakeFirst();
        return row ? Number(row.revoked_before) : null;
      });
    },
  };
}
