import { describe, expect, it } from "vitest";
import { RequestLog, type SimContext } from "./context";
import { LiveActivity } from "./live";
import { PlatformMetrics } from "./metrics";
import { createRng } from "./prng";
import { ScenarioBoard } from "./scenarios";
import { buildSeed } from "./seed/index";
import { startSimulator } from "./server";
import { MemoryStore } from "./store-memory";
import type { Saga } from "./types";

function setup(incident: boolean) {
  let clock = Date.parse("2025-09-08T10:00:00Z");
  const now = () => clock;
  const seed = buildSeed(5, clock, 60, 100);
  const store = new MemoryStore(now);
  const metrics = new PlatformMetrics(createRng(1), clock);
  const ctx: SimContext = {
    board: new ScenarioBoard(),
    store,
    metrics,
    metricsHistory: { ts: [], series: [] },
    catalog: seed.catalog,
    requests: new RequestLog(),
    now,
    startedAtMs: clock,
    incident: () => ({ active: incident, periodS: 600, lengthS: 120 }),
    delay: () => Promise.resolve(),
    flakyCounter: new Map(),
    static: false,
    seed: 5,
  };
  const live = new LiveActivity(ctx, createRng(2), seed.sagas);
  const run = async (ticks: number) => {
    for (let i = 0; i < ticks; i++) {
      clock += 2000;
      await live.tick();
    }
  };
  return { store, metrics, run, seed, ctx };
}

const counter = (text: string, series: string) => Number(text.split("\n").find((l) => l.startsWith(series))?.split(" ")[1] ?? "0");

describe("live activity", () => {
  it("advances running sagas with history, brings new keys and grows metrics", async () => {
    const { store, metrics, run, seed } = setup(false);
    const running = seed.catalog.sagas.running;
    const before = (await store.historyRaw(running)).length;
    const topBefore = await store.indexTop(1);
    const loginsBefore = counter(metrics.render(), "dotmac_management_login_attempts_total{result=\"success\"}");
    await run(40);
    const saga = JSON.parse((await store.sagaRaw(running)) ?? "") as Saga;
    expect((await store.historyRaw(running)).length).toBeGreaterThan(before);
    expect(saga.current_step).toBeGreaterThan(2);
    expect(saga.status).toBe("pending"); // the well-known running saga never finishes
    expect(await store.indexTop(1)).not.toEqual(topBefore);
    expect(counter(metrics.render(), "dotmac_management_login_attempts_total{result=\"success\"}")).toBeGreaterThan(loginsBefore);
  });

  it("fails provisioning far more often during an incident", async () => {
    const calm = setup(false);
    const storm = setup(true);
    await calm.run(150);
    await storm.run(150);
    const failures = (m: PlatformMetrics) => counter(m.render(), "dotmac_management_provisioning_requests_total{result=\"failure\"}");
    expect(failures(storm.metrics)).toBeGreaterThan(failures(calm.metrics) + 3);
  });

  it("reports the incident window in /__sim/state", async () => {
    let clock = Date.now();
    const sim = await startSimulator({ portBase: 0, now: () => clock, incidentPeriodS: 300, incidentLengthS: 60 });
    try {
      const state = async () => ((await (await fetch(`${sim.urls.mgmt}/__sim/state`)).json()) as { incident: { active: boolean } }).incident.active;
      expect(await state()).toBe(false);
      clock += 90_000;
      expect(await state()).toBe(true);
      clock += 60_000;
      expect(await state()).toBe(false);
    } finally {
      await sim.close();
    }
  });
});
