import { z } from "zod";
import type { Connection } from "./connect";
import type { Guard } from "./errors";
import { auditToCsv } from "./audit-csv";
import { iso, parseInput, parseJson, zJsonObject, zText, zTime, type TimeInput } from "./input";

export type AuditOutcome = "ok" | "denied" | "error";

export interface AuditEntryInput {
  at?: TimeInput;
  actor: string;
  role: string;
  /** Dotted verb, e.g. "auth.sign_in", "incident.open", "smoke.run", "audit.export". */
  action: string;
  target?: string | null;
  outcome: AuditOutcome;
  details?: Record<string, unknown> | null;
  ip?: string | null;
}

export interface AuditRecord {
  id: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  details: Record<string, unknown> | null;
  ip: string | null;
}

export interface AuditListQuery {
  actor?: string;
  action?: string;
  /** Inclusive bounds on `at`. */
  from?: TimeInput;
  to?: TimeInput;
  limit: number;
  /** Cursor: only records with an id below this (pass the previous page's nextCursor). */
  before?: number;
}

export interface AuditPage {
  rows: AuditRecord[];
  /** Set when more (older) records may exist. */
  nextCursor: number | null;
}

export interface AuditRepo {
  append(entry: AuditEntryInput): Promise<AuditRecord>;
  /** Newest first. */
  list(query: AuditListQuery): Promise<AuditPage>;
  toCsv(rows: readonly AuditRecord[]): string;
}

const entrySchema = z.object({
  at: zTime.optional(),
  actor: zText(200),
  role: zText(50),
  action: zText(100),
  target: z.string().max(2000).nullish(),
  outcome: z.enum(["ok", "denied", "error"]),
  details: zJsonObject(64_000).nullish(),
  ip: z.string().max(100).nullish(),
});

const listSchema = z.object({
  actor: z.string().min(1).max(200).optional(),
  action: z.string().min(1).max(100).optional(),
  from: zTime.optional(),
  to: zTime.optional(),
  limit: z.number().int().min(1).max(5000),
  before: z.number().int().positive().optional(),
});

type Row = { id: number; at: number; actor: string; role: string; action: string; target: string | null;
  outcome: string; details: string | null; ip: string | null };

function toRecord(row: Row): AuditRecord {
  return {
    id: row.id,
    at: iso(row.at),
    actor: row.actor,
    role: row.role,
    action: row.action,
    target: row.target,
    outcome: row.outcome as AuditOutcome,
    details: parseJson<Record<string, unknown>>(row.details),
    ip: row.ip,
  };
}

export function auditRepo({ db }: Connection, guard: Guard): AuditRepo {
  return {
    async append(entry) {
      const e = parseInput("audit entry", entrySchema, entry);
      return guard("audit.append", async () => {
        const row = await db
          .insertInto("audit_log")
          .values({
            at: e.at ?? Date.now(),
            actor: e.actor,
            role: e.role,
            action: e.action,
            target: e.target ?? null,
            outcome: e.outcome,
            details: e.details ?? null,
            ip: e.ip ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toRecord(row);
      });
    },

    async list(query) {
      const q = parseInput("audit query", listSchema, query);
      return guard("audit.list", async () => {
        let sel = db.selectFrom("audit_log").selectAll();
        if (q.actor !== undefined) sel = sel.where("actor", "=", q.actor);
        if (q.action !== undefined) sel = sel.where("action", "=", q.action);
        if (q.from !== undefined) sel = sel.where("at", ">=", q.from);
        if (q.to !== undefined) sel = sel.where("at", "<=", q.to);
        if (q.before !== undefined) sel = sel.where("id", "<", q.before);
        const rows = await sel.orderBy("id", "desc").limit(q.limit + 1).execute();
        const page = rows.slice(0, q.limit).map(toRecord);
        const last = page[page.length - 1];
        return { rows: page, nextCursor: rows.length > q.limit && last ? last.id : null };
      });
    },

    toCsv: auditToCsv,
  };
}
