import { Agent, request } from "node:http";

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** One GET on a keep-alive agent; resolves with status and elapsed ms (body drained). */
export function timedGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; ms: number; body: string }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = request(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - started) / 1e6, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Sequential requests at one connection for `seconds` (after a warm-up): p50, p99, throughput. */
export async function measureSerial(url: string, headers: Record<string, string>, opts: { warmup: number; seconds: number; maxRequests: number }) {
  for (let i = 0; i < opts.warmup; i++) await timedGet(url, headers);
  const times: number[] = [];
  const deadline = Date.now() + opts.seconds * 1000;
  const started = Date.now();
  while (Date.now() < deadline && times.length < opts.maxRequests) {
    const r = await timedGet(url, headers);
    if (r.status !== 200) throw new Error(`GET ${url} answered ${r.status}: ${r.body.slice(0, 200)}`);
    times.push(r.ms);
  }
  const elapsed = (Date.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { n: times.length, p50: percentile(times, 50), p99: percentile(times, 99), rps: times.length / elapsed };
}
