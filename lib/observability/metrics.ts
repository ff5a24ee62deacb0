import { getHeapSpaceStatistics } from "node:v8";
import type { UpstreamRequestReport } from "@/lib/upstream/client";
import type { CoalesceResult } from "@/lib/upstream/coalesce";
import { Registry, type Counter, type Histogram } from "@/lib/observability/prometheus-registry";

export interface ConsoleMetrics {
  readonly registry: Registry;
  readonly upstreamRequests: Counter;
  readonly upstreamDuration: Histogram;
  readonly upstreamErrors: Counter;
  readonly coalescer: Counter;
  /** The platform client's onRequest hook. */
  recordUpstream(report: Pick<UpstreamRequestReport, "surface" | "status" | "kind" | "durationMs"> & { attempts?: number }): void;
  recordCoalescer(result: CoalesceResult): void;
  render(): string;
}

/** What the wire said: the status class when an answer came, else the failure kind (unreachable, timeout…). */
export function upstreamOutcome(report: { status?: number; kind?: string }): string {
  if (report.status !== undefined && report.status >= 100 && report.status < 600) return `${Math.floor(report.status / 100)}xx`;
  return report.kind ?? "unknown";
}

export function createConsoleMetrics(): ConsoleMetrics {
  const registry = new Registry();
  const upstreamRequests = registry.counter(
    "oncall_console_upstream_requests_total",
    "Calls from the console to the DotMac platform, by surface and outcome (status class or failure kind).",
    ["surface", "outcome"],
  );
  const upstreamRetries = registry.counter(
    "oncall_console_upstream_retries_total",
    "Extra requests sent to the platform by retries of idempotent GETs.",
    ["surface"],
  );
  const upstreamDuration = registry.histogram(
    "oncall_console_upstream_request_duration_seconds",
    "Duration of calls to the DotMac platform, retries included.",
    ["surface"],
  );
  const upstreamErrors = registry.counter(
    "oncall_console_upstream_errors_total",
    "Failed calls to the DotMac platform, by surface and error kind.",
    ["surface", "kind"],
  );
  const coalescer = registry.counter(
    "oncall_console_coalescer_requests_total",
    "Upstream GETs asked of the coalescer: hit (fresh answer reused), join (shared an in-flight call), miss (called the platform).",
    ["result"],
  );
  return {
    registry,
    upstreamRequests,
    upstreamDuration,
    upstreamErrors,
    coalescer,
    recordUpstream(r) {
      upstreamRequests.inc({ surface: r.surface, outcome: upstreamOutcome(r) });
      upstreamDuration.observe({ surface: r.surface }, Math.max(0, r.durationMs) / 1000);
      if (r.kind) upstreamErrors.inc({ surface: r.surface, kind: r.kind });
      if (r.attempts !== undefined && r.attempts > 1) upstreamRetries.inc({ surface: r.surface }, r.attempts - 1);
    },
    recordCoalescer(result) {
      coalescer.inc({ result });
    },
    render: () => registry.render() + processMemory(),
  };
}

/** The process's memory as Prometheus gauges: RSS against the JS heap tells a leak from an unreturned high-water mark. */
function processMemory(): string {
  const m = process.memoryUsage();
  const gauge = (name: string, help: string, value: number) => `# HELP ${name} ${help}\n# TYPE ${name} gauge\n${name} ${value}\n`;
  return [
    gauge("process_resident_memory_bytes", "Resident memory of the console's server process.", m.rss),
    gauge("nodejs_heap_used_bytes", "V8 heap in use.", m.heapUsed),
    gauge("nodejs_heap_total_bytes", "V8 heap reserved.", m.heapTotal),
    gauge("nodejs_external_memory_bytes", "Memory of C++ objects bound to JS objects (buffers).", m.external),
    gauge("nodejs_array_buffers_bytes", "Memory of ArrayBuffers and Buffers (part of external).", m.arrayBuffers),
    heapSpaces(),
  ].join("");
}

/** Per V8 heap space, committed against used: which space holds memory that RSS does not give back. */
function heapSpaces(): string {
  const rows = getHeapSpaceStatistics();
  const lines = (name: string, help: string, pick: (s: (typeof rows)[number]) => number) =>
    `# HELP ${name} ${help}\n# TYPE ${name} gauge\n${rows.map((s) => `${name}{space="${s.space_name}"} ${pick(s)}`).join("\n")}\n`;
  return (
    lines("nodejs_heap_space_size_bytes", "V8 heap space committed.", (s) => s.space_size) +
    lines("nodejs_heap_space_used_bytes", "V8 heap space in use.", (s) => s.space_used_size)
  );
}

// One registry per process, also when Next.js loads this module into several route bundles or reloads it in dev.
const KEY = Symbol.for("dotmac-oncall-console.metrics");
const holder = globalThis as typeof globalThis & { [KEY]?: ConsoleMetrics };

export const consoleMetrics: ConsoleMetrics = (holder[KEY] ??= createConsoleMetrics());

/** The console's own metrics in Prometheus text format, for /api/metrics. */
export function renderPrometheus(): string {
  return consoleMetrics.render();
}
