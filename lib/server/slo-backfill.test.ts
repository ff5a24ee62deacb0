/** The demo backfill against a live simulator and a real SQLite store; never against anything else. */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backfillFromSimulator, type BackfillStore } from "@/lib/server/slo-backfill";
import { openStore, type Store } from "@/lib/store";
import { startSimulator, type RunningSim } from "@/sim/server";

const DAY = 86_400_000;
const NAMES = ["dotmac_management_provisioning_requests_total", "login_success_rate_total"];
let sim: RunningSim;
let dir: string;
let store: Store;
let platform: Server;
let platformUrl: string;

const adapter = (s: Store): BackfillStore => ({
  append: (rows) => s.samples.append(rows),
  hasSamples: async (n, from, to) => (await s.samples.readSeries({ names: n.slice(0, 1), from, to })).some((x) => x.ts.length > 0),
});

beforeAll(async () => {
  sim = await startSimulator({ portBase: 0, static: true });
  dir = await mkdtemp(path.join(tmpdir(), "slo-backfill-"));
  store = await openStore({ dataDir: dir });
  // A loopback "platform" that is not the simulator: it answers every path, /__sim/ included, with 404.
  platform = createServer((_req, res) => res.writeHead(404, { "content-type": "application/json" }).end('{"detail":"Not Found"}'));
  await new Promise<void>((r) => platform.listen(0, "127.0.0.1", r));
  platformUrl = `http://127.0.0.1:${(platform.address() as { port: number }).port}`;
});

afterAll(async () => {
  await store?.close();
  await sim?.close();
  await new Promise((r) => platform?.close(r));
  if (dir) await rm(dir, { recursive: true, force: true });
});

test("never backfills outside demo mode, nor from a platform that is not the simulator", async () => {
  const s = adapter(store);
  expect(await backfillFromSimulator(NAMES, s, { demo: false, prometheusUrl: null, mgmtUrl: sim.urls.mgmt })).toBe(0);
  expect(await backfillFromSimulator(NAMES, s, { demo: true, prometheusUrl: "http://127.0.0.1:9", mgmtUrl: sim.urls.mgmt })).toBe(0);
  expect(await backfillFromSimulator(NAMES, s, { demo: true, prometheusUrl: null, mgmtUrl: platformUrl })).toBe(0);
  expect(await backfillFromSimulator(NAMES, s, { demo: true, prometheusUrl: null, mgmtUrl: sim.urls.mgmt.replace("127.0.0.1", "10.0.0.1") })).toBe(0);
  expect(await store.samples.read({ names: NAMES, from: 0, to: Date.now() })).toEqual([]);
});

test("in demo mode writes the simulator's seven days once, incidents included", async () => {
  const env = { demo: true, prometheusUrl: null, mgmtUrl: sim.urls.mgmt };
  const written = await backfillFromSimulator(NAMES, adapter(store), env);
  expect(written).toBeGreaterThan(1000);
  const now = Date.now();
  const [fail] = await store.samples.readSeries({ names: ["dotmac_management_provisioning_requests_total"], from: 0, to: now }).then((all) => all.filter((x) => x.labels.result === "failure"));
  const [login] = await store.samples.readSeries({ names: ["login_success_rate_total"], from: 0, to: now });
  expect(login!.ts[0]).toBeLessThan(now - 6.9 * DAY);
  expect(login!.ts.at(-1)).toBeLessThanOrEqual(now);
  // The big past incident (2 days 9 hours ago, 2 hours): failures grow far faster than in a quiet day.
  const at = (t: number) => fail!.values[fail!.ts.findIndex((x) => x >= t)]!;
  const incident = at(now - 2 * DAY - 7 * 3_600_000) - at(now - 2 * DAY - 9 * 3_600_000);
  const quiet = at(now - 3 * DAY) - at(now - 3 * DAY - 2 * 3_600_000);
  expect(incident).toBeGreaterThan(5 * Math.max(quiet, 1));
  // A second start finds the history and writes nothing.
  expect(await backfillFromSimulator(NAMES, adapter(store), env)).toBe(0);
});
