import { z } from "zod";
import type { Connection } from "./connect";
import type { Guard } from "./errors";
import { iso, parseInput } from "./input";

export interface Lease { name: string; holder: string; expiresAt: string }

export interface LeaseRepo {
  /**
   * Takes the lease when it is free, expired or already ours (then renews it until now + ttlMs).
   * One statement (INSERT … ON CONFLICT DO UPDATE … WHERE), so two replicas can never both win.
   */
  tryAcquire(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up if we hold it; true when something was released. */
  release(name: string, holder: string): Promise<boolean>;
  /** Current holder, also when expired (check expiresAt), or null. */
  get(name: string): Promise<Lease | null>;
}

const zName = z.string().min(1).max(200);
const acquireSchema = z.object({ name: zName, holder: zName, ttlMs: z.number().int().min(1).max(86_400_000) });

// Expiry uses this process's clock: replicas need clocks within a small fraction of the ttl of each other.
export function leaseRepo({ db }: Connection, guard: Guard): LeaseRepo {
  return {
    async tryAcquire(name, holder, ttlMs) {
      const a = parseInput("lease", acquireSchema, { name, holder, ttlMs });
      return guard("leases.tryAcquire", async () => {
        const now = Date.now();
        const row = await db
          .insertInto("leases")
          .values({ name: a.name, holder: a.holder, expires_at: now + a.ttlMs })
          .onConflict((oc) =>
            oc
              .column("name")
              .doUpdateSet((eb) => ({ holder: eb.ref("excluded.holder"), expires_at: eb.ref("excluded.expires_at") }))
              .where((eb) => eb.or([eb("leases.holder", "=", a.holder), eb("leases.expires_at", "<=", now)])),
          )
          .returning("holder")
          .executeTakeFirst();
        return row?.holder === a.holder;
      });
    },

    async release(name, holder) {
      const r = parseInput("lease", z.object({ name: zName, holder: zName }), { name, holder });
      return guard("leases.release", async () => {
        const res = await db.deleteFrom("leases").where("name", "=", r.name).where("holder", "=", r.holder)
          .executeTakeFirst();
        return Number(res.numDeletedRows) > 0;
      });
    },

    async get(name) {
      const n = parseInput("lease name", zName, name);
      return guard("leases.get", async () => {
        const row = await db.selectFrom("leases").selectAll().where("name", "=", n).executeTakeFirst();
        return row ? { name: row.name, holder: row.holder, expiresAt: iso(row.expires_at) } : null;
      });
    },
  };
}
