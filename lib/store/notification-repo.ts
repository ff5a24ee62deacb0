import type { Selectable } from "kysely";
import { z } from "zod";
import type { Connection } from "./connect";
import type { Guard } from "./errors";
import { iso, parseInput } from "./input";
import type { NotificationsTable } from "./schema";

export type NotificationStatus = "pending" | "sent" | "failed";

/** One outbound message about an incident to one target (slack, json): what the incident shows as "team told". */
export interface NotificationRecord {
  id: number;
  incidentId: string;
  event: string;
  target: string;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NotificationRepo {
  create(input: { incidentId: string; event: string; target: string }): Promise<NotificationRecord>;
  update(id: number, change: { status: NotificationStatus; attempts: number; lastError: string | null }): Promise<void>;
  forIncident(incidentId: string): Promise<NotificationRecord[]>;
}

const createSchema = z.object({ incidentId: z.string().min(1).max(200), event: z.string().min(1).max(100), target: z.string().min(1).max(100) });
const updateSchema = z.object({ status: z.enum(["pending", "sent", "failed"]), attempts: z.number().int().min(0), lastError: z.string().max(2000).nullable() });

function toNotification(row: Selectable<NotificationsTable>): NotificationRecord {
  return {
    id: Number(row.id),
    incidentId: row.incident_id,
    event: row.event,
    target: row.target,
    status: row.status as NotificationStatus,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: iso(Number(row.created_at)),
    updatedAt: iso(Number(row.updated_at)),
  };
}

export function notificationRepo({ db }: Connection, guard: Guard): NotificationRepo {
  return {
    async create(input) {
      const n = parseInput("notification", createSchema, input);
      return guard("notifications.create", async () => {
        const now = Date.now();
        const row = await db.insertInto("notifications")
          .values({ incident_id: n.incidentId, event: n.event, target: n.target, status: "pending", attempts: 0, last_error: null, created_at: now, updated_at: now })
          .returningAll().executeTakeFirstOrThrow();
        return toNotification(row);
      });
    },
    async update(id, change) {
      const c = parseInput("notification change", updateSchema, change);
      await guard("notifications.update", () =>
        db.updateTable("notifications").set({ status: c.status, attempts: c.attempts, last_error: c.lastError, updated_at: Date.now() })
          .where("id", "=", id).execute(),
      );
    },
    async forIncident(incidentId) {
      return guard("notifications.forIncident", async () =>
        (await db.selectFrom("notifications").selectAll().where("incident_id", "=", incidentId).orderBy("id").execute()).map(toNotification),
      );
    },
  };
}
