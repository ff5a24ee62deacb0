import "server-only";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import type { SampleRow } from "@/lib/slo/types";

const DAY = 86_400_000;
const CHUNK_ROWS = 20_000;

const historySchema = z.object({
  ts: z.array(z.number().int().nonnegative()),
  series: z.array(z.object({ name: z.string(), labels: z.record(z.string(), z.string()), from: z.number().int().nonnegative(), values: z.array(z.number()) })),
});

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Demo mode only: `npm start` started the simulator (CONSOLE_SIMULATOR, which the start script alone sets), the
 * Management API is on loopback, and it answers the simulator's own control endpoint. A real platform has no
 * /__sim/ route, so it is never backfilled, whatever the variables say.
 */
function simulatorHistoryUrl(names: readonly string[], env: BackfillEnv): string | null {
  if (!env.demo || env.prometheusUrl) return null;
  const mgmt = new URL(env.mgmtUrl);
  if (!LOOPBACK.has(mgmt.hostname)) return null;
  return `${mgmt.origin}/__sim/metrics/history?names=${encodeURIComponent(names.join(","))}`;
}

export interface BackfillEnv {
  /** The start script started the simulator (ConsoleEnv.simulated). */
  demo: boolean;
  prometheusUrl: string | undefined | null;
  mgmtUrl: string;
}

export const backfillEnv = (): BackfillEnv => {
  const env = getEnv();
  return { demo: env.console.simulated, prometheusUrl: env.console.prometheusUrl, mgmtUrl: env.platform.baseUrls.mgmt };
};

export interface BackfillStore {
  append(rows: readonly SampleRow[]): Promise<unknown>;
  hasSamples(names: string[], from: number, to: number): Promise<boolean>;
}

/**
 * Seven days of the simulator's replayed /metrics written into the empty SLO history, so every window shows a
 * full chart on a demo's first start. Returns the rows written (0: skipped), never throws: a demo without a
 * backfill still scrapes live.
 */
export async function backfillFromSimulator(names: readonly string[], store: BackfillStore, env: BackfillEnv, now = Date.now()): Promise<number> {
  const url = simulatorHistoryUrl(names, env);
  if (!url || names.length === 0) return 0;
  try {
    if (await store.hasSamples([...names], now - 7 * DAY, now)) return 0;
    const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok) return 0;
    const h = historySchema.parse(await res.json());
    let rows: SampleRow[] = [];
    let written = 0;
    for (const s of h.series) {
      s.values.forEach((value, i) => {
        const ts = h.ts[s.from + i];
        // Only the past: the live scrape owns "now" onwards.
        if (ts !== undefined && ts < now) rows.push({ name: s.name, labels: s.labels, ts, value });
      });
      if (rows.length >= CHUNK_ROWS) {
        await store.append(rows);
        written += rows.length;
        rows = [];
      }
    }
    if (rows.length) await store.append(rows);
    return written + rows.length;
  } catch (err) {
    console.error(`[slo] demo history backfill skipped: ${(err as Error).message}`);
    return 0;
  }
}
