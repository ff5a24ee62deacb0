/**
 * The server's SLO runtime against a live simulator and a real SQLite store: only the holder of the
 * `slo-scraper` lease scrapes, a freed lease is taken over, the report reads the shared history, and the
 * platform's static /metrics turns into "metrics exposed, SLO series missing".
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openStore, type Store } from "@/lib/store";
import { startSimulator, type RunningSim } from "@/sim/server";

let sim: RunningSim;
let dir: string;
let store: Store;
let slo: typeof import("@/lib/server/slo");
let report: typeof import("@/lib/server/slo-report");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 12_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

beforeAll(async () => {
  sim = await startSimulator({ portBase: 0 });
  dir = await mkdtemp(path.join(tmpdir(), "slo-server-"));
  Object.assign(process.env, {
    MGMT_API_URL: sim.urls.mgmt,
    ADMIN_BASE_URL: sim.urls.admin,
    RESELLER_BASE_URL: sim.urls.reseller,
    TENANT_BASE_URL: sim.urls.tenant,
    TENANT_SLUG: "acme",
    API_VERSION: "v1",
    DATA_DIR: dir,
    SCRAPE_INTERVAL_S: "5",
  });
  delete process.env.PROMETHEUS_URL;
  delete process.env.DATABASE_URL;
  store = await openStore({ dataDir: dir });
  slo = await import("@/lib/server/slo");
  report = await import("@/lib/server/slo-report");
});

afterAll(async () => {
  await slo?.stopSloScraping();
  await store?.close();
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

type Report = Awaited<ReturnType<typeof report.buildSloReport>>;
/** The scrape's status in a report; fails the test when the report reads another source. */
function scrapeOf(r: Report) {
  expect(r.source.kind).toBe("scrape");
  if (r.source.kind !== "scrape") throw new Error(`source is ${r.source.kind}, not the embedded scrape`);
  return r.source.scrape;
}

const loginSamples = () =>
  store.samples.read({ names: ["dotmac_management_login_attempts_total"], from: 0, to: Date.now() + 1000 });

test("only the lease holder scrapes; a freed lease is taken over; the report reads the shared history", async () => {
  // Another replica holds the lease: this process must stand by.
  expect(await store.leases.tryAcquire(slo.SCRAPER_LEASE, "other-replica", 60_000)).toBe(true);
  slo.startSloScraping();
  slo.startSloScraping(); // idempotent
  await sleep(1500);
  expect(await loginSamples()).toHaveLength(0);
  const standby = await report.buildSloReport("1h");
  expect(scrapeOf(standby).role).toBe("standby");

  // The other replica goes away: the next tick (≤ 5 s) takes the lease and scrapes.
  await store.leases.release(slo.SCRAPER_LEASE, "other-replica");
  await until("samples in the store", async () => (await loginSamples()).length > 0);
  expect((await store.leases.get(slo.SCRAPER_LEASE))?.holder).not.toBe("other-replica");

  const r = await report.buildSloReport("1h");
  const scrape = scrapeOf(r);
  expect(scrape.role).toBe("scraping");
  expect(scrape.last).toMatchObject({ ok: true, httpStatus: 200 });
  expect(scrape.last!.kept).toBeGreaterThan(100);
  expect(r.metricsExposedSeriesMissing).toBe(false);
  expect(r.slos.length).toBe(10);
  for (const s of r.slos) expect(s.state).not.toBe("series_missing");
}, 30_000);

test("the platform's static /metrics: metrics exposed, SLO series missing", async () => {
  sim.setScenario("static-metrics", "mgmt");
  try {
    const r = await until("a scrape of the static /metrics", async () => {
      const rep = await report.buildSloReport("1h");
      return rep.metricsExposedSeriesMissing ? rep : undefined;
    });
    expect(r.slos.length).toBe(10);
    for (const s of r.slos) expect([s.id, s.state, s.seriesMissingInLatestScrape]).toEqual([s.id, "series_missing", true]);
    expect(scrapeOf(r).last).toMatchObject({ ok: true, httpStatus: 200, kept: 0 });
  } finally {
    sim.setScenario("healthy", "mgmt");
  }
}, 30_000);

test("a failing /metrics is reported as a failing scrape, not as healthy", async () => {
  sim.setScenario("connection-reset", "mgmt");
  try {
    const r = await until("a failed scrape", async () => {
      const rep = await report.buildSloReport("1h");
      return rep.source.kind === "scrape" && rep.source.scrape.last && !rep.source.scrape.last.ok ? rep : undefined;
    }, 20_000);
    expect(scrapeOf(r).last!.error).toMatch(/metrics/);
  } finally {
    sim.setScenario("healthy", "mgmt");
  }
}, 30_000);
