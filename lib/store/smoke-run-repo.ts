import { randomUUID } from "node:crypto";
import type { Selectable } from "kysely";
import { z } from "zod";
import type { Connection } from "./connect";
import type { Guard } from "./errors";
import { iso, parseInput, parseJson, zText, zTime, type TimeInput } from "./input";
import type { SmokeRunsTable } from "./schema";

export interface SmokeSummary { ok: number; warn: number; fail: number; error: number }

export interface SmokeRunSummary {
  id: string;
  startedAt: string;
  finishedAt: string;
  actor: string;
  /** Which platform was checked, e.g. "demo" or the Management API origin. */
  platform: string;
  summary: SmokeSummary;
  /** No fail and no error; warnings allowed (the platform's static /metrics is a permanent warning). */
  green: boolean;
}

export interface SmokeRun extends SmokeRunSummary {
  results: Record<string, unknown>[];
}

export interface SmokeRunInput {
  startedAt: TimeInput;
  finishedAt: TimeInput;
  actor: string;
  platform: string;
  summary: SmokeSummary;
  results: Record<string, unknown>[];
}

export interface SmokeRunRepo {
  save(run: SmokeRunInput): Promise<SmokeRunSummary>;
  /** Newest first, without results. */
  list(query: { limit: number }): Promise<SmokeRunSummary[]>;
  get(id: string): Promise<SmokeRun | null>;
  /** The newest green run (optionally: started before a time, to compare a run with the green one before it). */
  lastGreen(query?: { before?: TimeInput }): Promise<SmokeRun | null>;
  /** The newest run, green or not (optionally: started before a time). */
  latest(query?: { before?: TimeInput }): Promise<SmokeRun | null>;
}

const count = z.number().int().min(0).max(100_000);
const runSchema = z.object({
  startedAt: zTime,
  finishedAt: zTime,
  actor: zText(200),
  platform: zText(500),
  summary: z.object({ ok: count, warn: count, fail: count, error: count }),
  results: z
    .array(z.record(z.string(), z.unknown()))
    .max(10_000)
    .transform((v, ctx) => {
      const text = JSON.stringify(v);
      if (text.length > 5_000_000) {
        ctx.addIssue({ code: "custom", message: "larger than 5 MB as JSON" });
        return z.NEVER;
      }
      return text;
    }),
});

type Row = Selectable<SmokeRunsTable>;

function toSummary(row: Omit<Row, "results">): SmokeRunSummary {
  return {
    id: row.id,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    actor: row.actor,
    platform: row.platform,
    summary: { ok: row.ok_count, warn: row.warn_count, fail: row.fail_count, error: row.error_count },
    green: row.fail_count === 0 && row.error_count === 0,
  };
}

const toRun = (row: Row): SmokeRun => ({ ...toSummary(row), results: parseJson(row.results) ?? [] });

const SUMMARY_COLUMNS = [
  "id", "started_at", "finished_at", "actor", "platform", "ok_count", "warn_count", "fail_count", "error_count",
] as const;

export function smokeRunRepo({ db }: Connection, guard: Guard): SmokeRunRepo {
  /** The newest run (green only, or any) started before a time. */
  function newest(name: string, query: { before?: TimeInput } | undefined, greenOnly: boolean): Promise<SmokeRun | null> {
    const q = parseInput("smoke run query", z.object({ before: zTime.optional() }).optional(), query);
    return guard(name, async () => {
      let sel = db.selectFrom("smoke_runs").selectAll();
      if (greenOnly) sel = sel.where("fail_count", "=", 0).where("error_count", "=", 0);
      if (q?.before !== undefined) sel = sel.where("started_at", "<", q.before);
      const row = await sel.orderBy("started_at", "desc").limit(1).executeTakeFirst();
      return row ? toRun(row) : null;
    });
  }

  return {
    async save(run) {
      const r = parseInput("smoke run", runSchema, run);
      const row: Row = {
        id: randomUUID(), started_at: r.startedAt, finished_at: r.finishedAt, actor: r.actor, platform: r.platform,
        ok_count: r.summary.ok, warn_count: r.summary.warn, fail_count: r.summary.fail, error_count: r.summary.error,
        results: r.results,
      };
      await guard("smokeRuns.save", () => db.insertInto("smoke_runs").values(row).execute());
      return toSummary(row);
    },

    async list(query) {
      const { limit } = parseInput("smoke run query", z.object({ limit: z.number().int().min(1).max(1000) }), query);
      return guard("smokeRuns.list", async () => {
        const rows = await db.selectFrom("smoke_runs").select(SUMMARY_COLUMNS)
          .orderBy("started_at", "desc").orderBy("id").limit(limit).execute();
        return rows.map(toSummary);
      });
    },

    async get(id) {
      if (!z.string().uuid().safeParse(id).success) return null;
      return guard("smokeRuns.get", async () => {
        const row = await db.selectFrom("smoke_runs").selectAll().where("id", "=", id).executeTakeFirst();
        return row ? toRun(row) : null;
      });
    },

    async lastGreen(query) {
      return newest("smokeRuns.lastGreen", query, true);
    },

    async latest(query) {
      return newest("smokeRuns.latest", query, false);
    },
  };
}
