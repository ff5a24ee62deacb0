import { CompiledQuery } from "kysely";
import { z } from "zod";
import type { Connection } from "./connect";
import { StoreInvalidInputError, type Guard } from "./errors";
import { parseInput } from "./input";

export interface SampleRow {
  name: string;
  labels: Record<string, string>;
  /** Epoch milliseconds. */
  ts: number;
  /** NaN is kept as NaN (stored as NULL on SQLite). */
  value: number;
}

/** One series' points in columnar form: cheaper than SampleRow[] for long ranges. */
export interface SeriesData {
  name: string;
  labels: Readonly<Record<string, string>>;
  ts: number[];
  values: number[];
}

export interface SampleQuery { names: string[]; from: number; to: number }

export interface SampleRepo {
  /** Idempotent per (series, ts): a second sample at the same time is ignored. */
  append(rows: readonly SampleRow[]): Promise<{ inserted: number }>;
  /** Samples with from ≤ ts ≤ to, sorted by ts (then series). */
  read(query: SampleQuery): Promise<SampleRow[]>;
  readSeries(query: SampleQuery): Promise<SeriesData[]>;
  /** Deletes samples with ts < beforeTs; returns how many. Series rows are kept (ids stay valid everywhere). */
  prune(beforeTs: number): Promise<number>;
}

// 3 parameters per row: under SQLite's 32766 and PostgreSQL's 65535 bound-parameter limits.
const ROWS_PER_STATEMENT = 5000;
const SERIES_PER_STATEMENT = 500;
const MAX_CACHED_SERIES = 100_000;

export function canonicalLabels(labels: Record<string, string>): string {
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(labels).sort()) sorted[key] = labels[key] as string;
  return JSON.stringify(sorted);
}

function validateRows(rows: readonly SampleRow[]): void {
  if (!Array.isArray(rows)) throw new StoreInvalidInputError("samples", ["(input): expected an array"]);
  rows.forEach((r, i) => {
    const problems: string[] = [];
    if (typeof r?.name !== "string" || r.name.length === 0 || r.name.length > 200) problems.push("name: 1–200 characters");
    if (typeof r?.labels !== "object" || r.labels === null || Array.isArray(r.labels) ||
      Object.values(r.labels).some((v) => typeof v !== "string")) problems.push("labels: an object of strings");
    if (!Number.isSafeInteger(r?.ts) || r.ts < 0) problems.push("ts: epoch milliseconds (integer ≥ 0)");
    if (typeof r?.value !== "number") problems.push("value: a number");
    if (problems.length) throw new StoreInvalidInputError("samples", problems.map((p) => `[${i}].${p}`));
  });
}

const querySchema = z.object({
  names: z.array(z.string().min(1).max(200)).min(1).max(200),
  from: z.number().int().min(0),
  to: z.number().int().min(0),
});

export function sampleRepo({ db, kind }: Connection, guard: Guard): SampleRepo {
  const seriesIds = new Map<string, number>();
  const placeholder = kind === "postgres" ? (n: number) => `$${n}` : () => "?";

  async function resolveSeries(keys: Map<string, { name: string; labels: string }>): Promise<void> {
    const missing = [...keys].filter(([key]) => !seriesIds.has(key)).map(([, v]) => v);
    if (seriesIds.size + missing.length > MAX_CACHED_SERIES) seriesIds.clear();
    for (let start = 0; start < missing.length; start += SERIES_PER_STATEMENT) {
      const chunk = missing.slice(start, start + SERIES_PER_STATEMENT);
      await db.insertInto("series").values(chunk).onConflict((oc) => oc.columns(["name", "labels"]).doNothing()).execute();
      const found = await db.selectFrom("series").select(["id", "name", "labels"])
        .where("name", "in", [...new Set(chunk.map((c) => c.name))])
        .where("labels", "in", [...new Set(chunk.map((c) => c.labels))])
        .execute();
      for (const s of found) seriesIds.set(`${s.name}\u0000${s.labels}`, Number(s.id));
    }
  }

  async function select(q: z.output<typeof querySchema>) {
    const series = await db.selectFrom("series").select(["id", "name", "labels"]).where("name", "in", q.names).execute();
    if (series.length === 0 || q.to < q.from) return { series, samples: [] };
    const samples = await db.selectFrom("samples").select(["series_id", "ts", "value"])
      .where("series_id", "in", series.map((s) => s.id))
      .where("ts", ">=", q.from).where("ts", "<=", q.to)
      .orderBy("ts").orderBy("series_id")
      .execute();
    return { series, samples };
  }

  return {
    async append(rows) {
      validateRows(rows);
      if (rows.length === 0) return { inserted: 0 };
      return guard("samples.append", async () => {
        const keyOf = rows.map((r) => {
          const labels = canonicalLabels(r.labels);
          return { key: `${r.name}\u0000${labels}`, name: r.name, labels };
        });
        await resolveSeries(new Map(keyOf.map((k) => [k.key, { name: k.name, labels: k.labels }])));
        let inserted = 0;
        await db.transaction().execute(async (trx) => {
          for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
            const end = Math.min(rows.length, start + ROWS_PER_STATEMENT);
            const tuples: string[] = [];
            const params: unknown[] = [];
            for (let i = start; i < end; i++) {
              const row = rows[i] as SampleRow;
              const id = seriesIds.get((keyOf[i] as { key: string }).key);
              if (id === undefined) throw new Error(`series for ${row.name} was not created`);
              const n = params.length;
              tuples.push(`(${placeholder(n + 1)}, ${placeholder(n + 2)}, ${placeholder(n + 3)})`);
              params.push(id, row.ts, Number.isNaN(row.value) ? null : row.value);
            }
            // Hand-built because the query builder's per-row cost dominates at tens of thousands of rows.
            const result = await trx.executeQuery(CompiledQuery.raw(
              `insert into samples (series_id, ts, value) values ${tuples.join(", ")} on conflict do nothing`,
              params,
            ));
            inserted += Number(result.numAffectedRows ?? 0);
          }
        });
        return { inserted };
      });
    },

    async read(query) {
      const q = parseInput("sample query", querySchema, query);
      return guard("samples.read", async () => {
        const { series, samples } = await select(q);
        const byId = new Map(series.map((s) => [Number(s.id), { name: s.name, labels: JSON.parse(s.labels) }]));
        return samples.map((s) => {
          const meta = byId.get(Number(s.series_id)) as { name: string; labels: Record<string, string> };
          return { name: meta.name, labels: { ...meta.labels }, ts: Number(s.ts), value: s.value ?? NaN };
        });
      });
    },

    async readSeries(query) {
      const q = parseInput("sample query", querySchema, query);
      return guard("samples.readSeries", async () => {
        const { series, samples } = await select(q);
        const out = new Map<number, SeriesData>(series.map((s) => [Number(s.id), {
          name: s.name, labels: Object.freeze(JSON.parse(s.labels)), ts: [], values: [],
        }]));
        for (const s of samples) {
          const data = out.get(Number(s.series_id));
          data?.ts.push(Number(s.ts));
          data?.values.push(s.value ?? NaN);
        }
        return [...out.values()].filter((d) => d.ts.length > 0);
      });
    },

    async prune(beforeTs) {
      const before = parseInput("prune time", z.number().int().min(0), beforeTs);
      return guard("samples.prune", async () => {
        const res = await db.deleteFrom("samples").where("ts", "<", before).executeTakeFirst();
        return Number(res.numDeletedRows);
      });
    },
  };
}
