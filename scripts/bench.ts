/**
 * `npm run bench`: one run, bounded in time, loopback only. Prints figures and ratios against baselines
 * measured in the same run, and writes them to bench-results/latest.json.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { startSimulator } from "../sim/server";
import { ensureBuild, startConsole } from "./bench/console-server";
import { firstLoadJs } from "./bench/first-load-js";
import { measureSerial, timedGet } from "./bench/http";
import { benchTimeToContent, printTimeToContent, type ContentTiming } from "./bench/time-to-content";
import { runSoak, soakReport, type SoakResult } from "./bench/soak";

const root = resolve(import.meta.dirname, "..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const KEY = "demo-completed-0001";
const SAGA = "5f0c3a52-1e7b-4c4a-9d2e-6a1b7c000003";
const HUGE_SAGA = "5f0c3a52-1e7b-4c4a-9d2e-6a1b7c000008";
const PAGES = ["/", "/runbook", "/incidents", "/smoke", "/health", "/sagas", `/sagas/${SAGA}`, "/idempotency", `/idempotency/${KEY}`, "/slo", "/audit", "/login"];

const fmt = (n: number, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");
// `npm run bench -- soak` (or BENCH_ONLY=soak) runs the soak alone.
const ONLY_SOAK = process.argv.includes("soak") || process.env.BENCH_ONLY === "soak";
const SOAK = {
  clients: Number(process.env.SOAK_CLIENTS ?? 200),
  seconds: Number(process.env.SOAK_SECONDS ?? 60),
  pollMs: Number(process.env.SOAK_POLL_MS ?? 1000),
  idleSeconds: 20,
};
// The console's default upstream timeout; the soak's limit is twice it.
const UPSTREAM_TIMEOUT_MS = Number(process.env.UPSTREAM_TIMEOUT_MS ?? 5000);

type Platform = Record<string, string>;

/** A fresh console (default settings) under the soak; its memory is measured from outside. */
async function soak(platform: Platform, dataDir: string): Promise<SoakResult> {
  const server = await startConsole(root, platform, {}, dataDir);
  try {
    return await runSoak({ url: server.url, cookie: server.cookie, pid: server.pid, ...SOAK, limitMs: UPSTREAM_TIMEOUT_MS * 2 });
  } finally {
    await server.stop();
  }
}

async function main() {
  await ensureBuild(root);
  const dataDir = join(root, ".data", "bench");
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const sim = await startSimulator({ portBase: 0, static: true });
  const platform = { MGMT_API_URL: sim.urls.mgmt, ADMIN_BASE_URL: sim.urls.admin, RESELLER_BASE_URL: sim.urls.reseller, TENANT_BASE_URL: sim.urls.tenant, TENANT_SLUG: "acme", API_VERSION: "v1" };
  const results: Record<string, unknown> = { at: new Date().toISOString(), seconds: SECONDS };
  if (ONLY_SOAK) {
    try {
      results.soak = await soak(platform, dataDir);
    } finally {
      await sim.close();
    }
    console.log("\n== Soak: polling clients with distinct saga ids ==");
    for (const line of soakReport(results.soak as SoakResult)) console.log(line);
    mkdirSync(join(root, "bench-results"), { recursive: true });
    writeFileSync(join(root, "bench-results", "soak.json"), JSON.stringify(results, null, 2));
    return;
  }
  try {
    // 1. Added latency: the same record straight from the simulator, then through a console route with coalescing off.
    const direct = await measureSerial(`${sim.urls.mgmt}/api/v1/bgops/idempotency/${KEY}`, { "X-Tenant-ID": "acme", "X-API-Version": "v1" }, { warmup: 50, seconds: SECONDS, maxRequests: 20_000 });
    const serial = { warmup: 50, seconds: SECONDS, maxRequests: 20_000 };
    let server = await startConsole(root, platform, { COALESCE_MS: "0" }, dataDir);
    // Next's own per-request floor: a route that does nothing (no session, no platform call).
    const floor = await measureSerial(`${server.url}/api/healthz`, {}, serial);
    const proxied = await measureSerial(`${server.url}/api/bgops/idempotency/${KEY}`, { Cookie: server.cookie }, serial);
    await server.stop();
    server = await startConsole(root, platform, { COALESCE_MS: "2000" }, dataDir);
    const coalescedRoute = await measureSerial(`${server.url}/api/bgops/idempotency/${KEY}`, { Cookie: server.cookie }, serial);
    results.latency = {
      direct,
      nextFloor: floor,
      console: proxied,
      consoleDefault: coalescedRoute,
      addedP50Ms: proxied.p50 - direct.p50,
      addedP99Ms: proxied.p99 - direct.p99,
      addedP50DefaultMs: coalescedRoute.p50 - direct.p50,
      p50Ratio: proxied.p50 / direct.p50,
      throughputRatio: proxied.rps / direct.rps,
    };

    // 2. Coalescing: 100 concurrent identical console requests, counted at the simulator.
    const coalescing: Record<string, number> = {};
    for (const [name, path, prefix] of [
      ["idempotency key", `/api/bgops/idempotency/${KEY}`, "/api/v1/bgops/idempotency/"],
      ["saga (saga + history)", `/api/bgops/sagas/${SAGA}`, "/api/v1/bgops/sagas/"],
    ] as const) {
      await new Promise((r) => setTimeout(r, 2_100));
      sim.resetRequestCount();
      const answers = await Promise.all(Array.from({ length: 100 }, () => timedGet(`${server.url}${path}`, { Cookie: server.cookie })));
      const bad = answers.filter((a) => a.status !== 200).length;
      if (bad) throw new Error(`${bad} of 100 concurrent requests to ${path} failed`);
      coalescing[name] = sim.requestCount({ surface: "mgmt", pathPrefix: prefix });
    }
    results.coalescing = coalescing;

    // 3. First-load JS per page (gzip), as the HTML of each page asks for it.
    const pages = [];
    for (const path of PAGES) {
      try {
        pages.push(await firstLoadJs(server.url, path, path === "/login" ? "" : server.cookie));
      } catch (err) {
        pages.push({ path, kb: NaN, files: 0, error: (err as Error).message });
      }
    }
    results.firstLoadJs = pages;

    // 4. The 10,000-entry saga page, and SLO evaluation, when their benches exist.
    if (existsSync(join(root, "scripts", "bench-saga.ts"))) {
      // Imported by path: each bench module is optional and typed at its own definition.
      const { benchSagaPage } = (await import(join(root, "scripts", "bench-saga.ts"))) as {
        benchSagaPage(o: { baseURL: string; storageState: string; sagaId: string; executablePath?: string }): Promise<{ msToInteractive: number; renderedRows: number }>;
      };
      const { findChromium } = await import("../e2e/browser");
      const statePath = join(dataDir, "state.json");
      writeFileSync(statePath, JSON.stringify({ cookies: [{ name: server.cookie.split("=")[0], value: server.cookie.split("=").slice(1).join("="), domain: "127.0.0.1", path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Lax" }], origins: [] }));
      results.sagaPage = await benchSagaPage({ baseURL: server.url, storageState: statePath, sagaId: HUGE_SAGA, executablePath: findChromium() });
    }
    // 5. Time to content in a cold browser context: the verdict in the first paint, not after hydration.
    results.timeToContent = await benchTimeToContent({ baseURL: server.url, cookie: server.cookie });
    await server.stop();
    if (existsSync(join(root, "scripts", "bench-slo.ts"))) {
      const { benchSloEvaluation } = (await import(join(root, "scripts", "bench-slo.ts"))) as {
        benchSloEvaluation(): Promise<{ ms: number; series: number; samples: number }>;
      };
      results.sloEvaluation = await benchSloEvaluation();
    }
    results.soak = await soak(platform, dataDir);
  } finally {
    await sim.close();
  }
  report(results);
  mkdirSync(join(root, "bench-results"), { recursive: true });
  writeFileSync(join(root, "bench-results", "latest.json"), JSON.stringify(results, null, 2));
}

function report(r: Record<string, unknown>) {
  type Serial = { p50: number; p99: number; rps: number; n: number };
  const lat = r.latency as { direct: Serial; nextFloor: Serial; console: Serial; consoleDefault: Serial; addedP50Ms: number; addedP99Ms: number; addedP50DefaultMs: number; p50Ratio: number; throughputRatio: number };
  const line = (name: string, m: Serial) => console.log(`${name.padEnd(34)} p50 ${fmt(m.p50)} ms  p99 ${fmt(m.p99)} ms  ${fmt(m.rps, 0)} req/s  (n=${m.n})`);
  console.log("\n== A console API route vs the simulator directly (GET idempotency key, one keep-alive connection) ==");
  line("simulator directly (baseline)", lat.direct);
  line("console /api/healthz (Next floor)", lat.nextFloor);
  line("console route, coalescing off", lat.console);
  line("console route, default (2 s window)", lat.consoleDefault);
  console.log(`added p50 ${fmt(lat.addedP50Ms)} ms with every request reaching the platform, ${fmt(lat.addedP50DefaultMs)} ms as deployed (target ≤ 2); added p99 ${fmt(lat.addedP99Ms)} ms`);
  console.log(`ratios to the baseline: p50 ×${fmt(lat.p50Ratio)}, throughput ×${fmt(lat.throughputRatio)}`);
  console.log("\n== Platform requests caused by 100 concurrent identical console requests (target ≤ 2) ==");
  for (const [k, v] of Object.entries(r.coalescing as Record<string, number>)) console.log(`${k.padEnd(24)} ${v}`);
  console.log("\n== First-load JS per page, gzip (target ≤ 180 kB; /slo ≤ 300 kB) ==");
  for (const p of r.firstLoadJs as { path: string; kb: number; files: number; error?: string }[]) console.log(`${p.path.padEnd(52)} ${p.error ? `error: ${p.error}` : `${fmt(p.kb, 1)} kB in ${p.files} files`}`);
  if (r.sagaPage) {
    const s = r.sagaPage as { msToInteractive: number; renderedRows: number };
    console.log(`\n== 10,000-entry saga page (target ≤ 1500 ms) ==\ninteractive after ${fmt(s.msToInteractive, 0)} ms; ${s.renderedRows} history rows in the DOM`);
  }
  if (r.timeToContent) printTimeToContent(r.timeToContent as ContentTiming[]);
  if (r.sloEvaluation) {
    const s = r.sloEvaluation as { ms: number; series: number; samples: number };
    console.log(`\n== SLO evaluation, 30 days of 15-s samples (target ≤ 1000 ms) ==\n${fmt(s.ms, 0)} ms for ${s.series} series, ${s.samples} samples`);
  }
  if (r.soak) {
    console.log("\n== Soak: polling clients with distinct saga ids ==");
    for (const line of soakReport(r.soak as SoakResult)) console.log(line);
  }
}

main().catch((err) => {
  console.error(`bench failed: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
