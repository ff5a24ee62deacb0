import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { percentile } from "./http";

export interface SoakOptions {
  url: string;
  cookie: string;
  /** The console server's process id: its RSS (with its children's) is what is measured. */
  pid: number;
  clients: number;
  seconds: number;
  idleSeconds: number;
  /** Each client's pause between two polls, like a page polling a saga. */
  pollMs: number;
  /** A request older than this counts as unanswered (UPSTREAM_TIMEOUT_MS × 2). */
  limitMs: number;
}

export interface SoakResult {
  clients: number;
  seconds: number;
  requests: number;
  answered: number;
  statuses: Record<string, number>;
  /** Requests with no answer within limitMs (aborted by the soak). */
  overLimit: number;
  /** Requests that failed without an HTTP answer before the limit (connection reset, refused). */
  failed: number;
  /** Why they failed (error code → count). */
  failures: Record<string, number>;
  /** Requests retried once after a reset on a reused keep-alive socket (counted once, by their final outcome). */
  staleRetries: number;
  limitMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  rssMb: { before: number; after: number; idle: number };
  /** The V8 heap in use as the console reports it on /api/metrics: growth here is a leak, not a high-water mark. */
  heapMb: { before: number; after: number; idle: number };
  idleRatio: number;
}

/** Resident set of a process and every descendant (next start may fork workers), from /proc, in MB. */
export function treeRssMb(rootPid: number): number {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // the process ended while we looked
    }
  }
  let kb = 0;
  const todo = [rootPid];
  while (todo.length) {
    const pid = todo.pop()!;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      kb += Number(m?.[1] ?? 0);
    } catch {
      // gone
    }
    todo.push(...(children.get(pid) ?? []));
  }
  return kb / 1024;
}

/** nodejs_heap_used_bytes from the console's own /api/metrics, in MB (NaN when unreadable). */
async function heapMb(url: string, cookie: string): Promise<number> {
  try {
    const text = await (await fetch(`${url}/api/metrics`, { headers: { Cookie: cookie }, signal: AbortSignal.timeout(5_000) })).text();
    const m = /^nodejs_heap_used_bytes (\d+)/m.exec(text);
    return m ? Number(m[1]) / 1024 / 1024 : NaN;
  } catch {
    return NaN;
  }
}

type GetResult = { status: number | "over-limit" | "failed"; ms: number; error?: string; staleRetry?: boolean };

/**
 * One GET that gives up after limitMs (from the first attempt); resolves with the status and elapsed ms. A reset on a
 * reused keep-alive socket is retried once on a fresh socket, as a browser does and as Node's documentation advises for
 * keep-alive clients (the server may close an idle socket as a request leaves); a reset on a fresh socket is a failure.
 */
function get(agent: Agent, url: string, cookie: string, limitMs: number, started = performance.now(), retried = false): Promise<GetResult> {
  return new Promise((resolve) => {
    let timedOut = false;
    let settled = false;
    const done = (r: Omit<GetResult, "ms"> | Promise<GetResult>) => {
      if (settled) return;
      settled = true;
      if (r instanceof Promise) return void r.then(resolve);
      resolve({ ...r, ms: performance.now() - started, ...(retried ? { staleRetry: true } : {}) });
    };
    const fail = (err: Error) => {
      const code = (err as NodeJS.ErrnoException).code ?? err.message;
      if (timedOut) return done({ status: "over-limit", error: code });
      if (code === "ECONNRESET" && req.reusedSocket && !retried) return done(get(agent, url, cookie, limitMs, started, true));
      done({ status: "failed", error: req.reusedSocket ? `${code} on a reused socket` : code });
    };
    const req = request(url, { agent, headers: { Cookie: cookie, Accept: "application/json" } }, (res) => {
      res.resume();
      res.on("end", () => done({ status: res.statusCode ?? 0 }));
      res.on("error", fail);
    });
    // A wall-clock limit on the whole request, not an idle-socket timeout.
    const timer = setTimeout(() => {
      timedOut = true;
      req.destroy(new Error("over the limit"));
    }, Math.max(0, limitMs - (performance.now() - started)));
    req.on("close", () => clearTimeout(timer));
    req.on("error", fail);
    req.end();
  });
}

/**
 * `clients` pollers, each asking for a saga id nobody asked for before (the worst case for every per-key cache on
 * the way: coalescer, audit dedupe, lookups), pausing pollMs between polls, for `seconds`. Loopback only; every
 * request is bounded by limitMs and the whole soak by seconds + limitMs.
 */
export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(o.url)) throw new Error(`the soak only runs against 127.0.0.1, not ${o.url}`);
  const agent = new Agent({ keepAlive: true, maxSockets: o.clients });
  // Warm up (first compilation of the route, session decode), then settle before the baseline.
  for (let i = 0; i < 20; i++) await get(agent, `${o.url}/api/bgops/sagas/${randomUUID()}`, o.cookie, o.limitMs);
  global.gc?.();
  await new Promise((r) => setTimeout(r, 2_000));
  const before = treeRssMb(o.pid);
  const heapBefore = await heapMb(o.url, o.cookie);

  const times: number[] = [];
  const statuses: Record<string, number> = {};
  let overLimit = 0;
  let failed = 0;
  const failures: Record<string, number> = {};
  let staleRetries = 0;
  const deadline = performance.now() + o.seconds * 1000;
  await Promise.all(
    Array.from({ length: o.clients }, async (_, c) => {
      // Spread the first polls over one interval so the clients do not move in lockstep.
      await new Promise((r) => setTimeout(r, (c * o.pollMs) / o.clients));
      while (performance.now() < deadline) {
        const r = await get(agent, `${o.url}/api/bgops/sagas/${randomUUID()}`, o.cookie, o.limitMs);
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (r.staleRetry) staleRetries++;
        if (r.status === "over-limit") overLimit++;
        else if (r.status === "failed") {
          failed++;
          failures[r.error ?? "unknown"] = (failures[r.error ?? "unknown"] ?? 0) + 1;
        }
        else times.push(r.ms);
        await new Promise((res) => setTimeout(res, o.pollMs));
      }
    }),
  );
  const after = treeRssMb(o.pid);
  const heapAfter = await heapMb(o.url, o.cookie);
  agent.destroy();
  await new Promise((r) => setTimeout(r, o.idleSeconds * 1000));
  const idle = treeRssMb(o.pid);
  const heapIdle = await heapMb(o.url, o.cookie);
  times.sort((a, b) => a - b);
  const requests = times.length + overLimit + failed;
  return {
    clients: o.clients,
    seconds: o.seconds,
    requests,
    answered: times.length,
    statuses,
    overLimit,
    failed,
    failures,
    staleRetries,
    limitMs: o.limitMs,
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    maxMs: times.at(-1) ?? NaN,
    rssMb: { before, after, idle },
    heapMb: { before: heapBefore, after: heapAfter, idle: heapIdle },
    idleRatio: idle / before,
  };
}

export function soakReport(s: SoakResult): string[] {
  const mb = (n: number) => `${n.toFixed(0)} MB`;
  const ok = (b: boolean) => (b ? "ok" : "OVER TARGET");
  return [
    `${s.clients} clients × ${s.seconds} s, a new saga id on every poll: ${s.requests} requests, ${s.answered} answered (${Object.entries(s.statuses).map(([k, v]) => `${k}: ${v}`).join(", ")})`,
    `latency p50 ${s.p50Ms.toFixed(1)} ms, p99 ${s.p99Ms.toFixed(1)} ms, max ${s.maxMs.toFixed(0)} ms; unanswered after ${s.limitMs} ms: ${s.overLimit} (target 0: ${ok(s.overLimit === 0)}); retried after a reset on a reused keep-alive socket: ${s.staleRetries}; failed without an answer: ${s.failed}${s.failed ? ` (${Object.entries(s.failures).map(([k, v]) => `${k}: ${v}`).join(", ")})` : ""}`,
    `console RSS before ${mb(s.rssMb.before)}, after ${mb(s.rssMb.after)}, after 20 s idle ${mb(s.rssMb.idle)} = ×${s.idleRatio.toFixed(2)} of before (target ≤ ×1.5: ${ok(s.idleRatio <= 1.5)})`,
    `console JS heap in use before ${mb(s.heapMb.before)}, after ${mb(s.heapMb.after)}, after idle ${mb(s.heapMb.idle)}`,
  ];
}
