/**
 * MetricSource over the Prometheus HTTP API. Raw counters are read with query_range (the value at
 * each step is the newest sample within Prometheus's lookback), so the same reset-aware increase
 * math runs on both sources. A counter reset between two steps loses at most the increments before
 * the reset within that step.
 */
import { z } from "zod";
import { parseValue } from "./prom-text";
import type { MetricSource, SampleQuery, SampleRow } from "./types";
import { brand, hasBrand } from "@/lib/errors/brand";

export type PrometheusErrorKind = "unreachable" | "timeout" | "http_status" | "bad_response";

export class PrometheusSourceError extends Error {
  constructor(
    readonly kind: PrometheusErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "PrometheusSourceError";
    brand(this, "PrometheusSourceError");
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, "PrometheusSourceError");
  }
}

export interface PrometheusSourceOptions {
  baseUrl: string;
  fetch: typeof fetch;
  /** Never query finer than this (the scrape interval). Default 15 s. */
  minStepMs?: number;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

// Steps that divide hours and days evenly, so window edges land on grid points.
const NICE_STEPS_S = [15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** Smallest "nice" step ≥ max(minStep, range/1000): Prometheus caps points per series, and so do we. */
export function stepFor(rangeMs: number, minStepMs = 15_000): number {
  const wanted = Math.max(minStepMs, Math.ceil(rangeMs / 1000));
  const nice = NICE_STEPS_S.find((s) => s * 1000 >= wanted);
  return nice ? nice * 1000 : Math.ceil(wanted / 1000) * 1000;
}

const envelope = z.object({
  status: z.string(),
  data: z.unknown().optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
  warnings: z.array(z.string()).optional(),
});

const matrix = z.object({
  resultType: z.string(),
  result: z.array(
    z.object({
      metric: z.record(z.string(), z.string()),
      values: z.array(z.tuple([z.number(), z.string()])).optional(),
      value: z.tuple([z.number(), z.string()]).optional(),
    }),
  ),
});

export async function prometheusGet(opts: PrometheusSourceOptions, path: string, params: Record<string, string>): Promise<unknown> {
  const url = new URL(path.replace(/^\//, ""), opts.baseUrl.endsWith("/") ? opts.baseUrl : `${opts.baseUrl}/`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const where = `${url.origin}${url.pathname}`; // never the query string or credentials in messages
  let res: Response;
  try {
    res = await opts.fetch(url, {
      headers: { accept: "application/json", ...opts.headers },
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    });
  } catch (err) {
    const name = err instanceof Error ? err.name : "";
    if (name === "TimeoutError" || name === "AbortError") throw new PrometheusSourceError("timeout", `Prometheus did not answer within ${opts.timeoutMs ?? 10_000} ms (${where})`);
    throw new PrometheusSourceError("unreachable", `Prometheus unreachable at ${where}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new PrometheusSourceError(res.ok ? "bad_response" : "http_status", `Prometheus answered ${res.status} with non-JSON from ${where}`, res.status);
  }
  const env = envelope.safeParse(body);
  if (!env.success) throw new PrometheusSourceError("bad_response", `unexpected Prometheus response shape from ${where}`, res.status);
  if (!res.ok || env.data.status !== "success") {
    const detail = env.data.error ? `${env.data.errorType ?? "error"}: ${env.data.error}` : `status ${res.status}`;
    throw new PrometheusSourceError(res.ok ? "bad_response" : "http_status", `Prometheus rejected ${where} (${detail})`, res.status);
  }
  return env.data.data;
}

function toRows(data: unknown): SampleRow[] {
  const parsed = matrix.safeParse(data);
  if (!parsed.success) throw new PrometheusSourceError("bad_response", "Prometheus query_range did not return a matrix");
  const rows: SampleRow[] = [];
  for (const r of parsed.data.result) {
    const { __name__: name = "", ...labels } = r.metric;
    for (const [sec, raw] of r.values ?? (r.value ? [r.value] : [])) {
      const value = parseValue(raw);
      if (value !== undefined) rows.push({ name, labels, ts: Math.round(sec * 1000), value });
    }
  }
  return rows;
}

export function createPrometheusSource(opts: PrometheusSourceOptions): MetricSource & { kind: "prometheus" } {
  return {
    kind: "prometheus",
    async readSamples(q: SampleQuery) {
      const step = stepFor(q.to - q.from, opts.minStepMs);
      // Align the grid on `to` so the window's end (now) and its edges are evaluation points.
      const start = q.to - Math.ceil((q.to - q.from) / step) * step;
      const results = await Promise.all(
        [...new Set(q.names)].map(async (name) =>
          toRows(
            await prometheusGet(opts, "/api/v1/query_range", {
              query: `{__name__=${JSON.stringify(name)}}`,
              start: String(start / 1000),
              end: String(q.to / 1000),
              step: `${step / 1000}s`,
            }),
          ),
        ),
      );
      return results.flat();
    },
    async hasAnyData(q) {
      const data = await prometheusGet(opts, "/api/v1/query", { query: "count(up)", time: String(q.to / 1000) });
      const parsed = matrix.safeParse(data);
      return parsed.success && parsed.data.result.length > 0;
    },
  };
}
