import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, SCENARIOS } from "@/sim/server";
import { createPlatformClient } from "@/lib/upstream/client";
import { runSmoke } from "@/lib/smoke/run";
import { CHECK_IDS, SCENARIO_EXPECTATIONS } from "@/lib/smoke/scenario-expectations";

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;
beforeAll(async () => {
  sim = await startSimulator({ portBase: 0, static: true });
});
afterAll(() => sim.close());

function client(timeoutMs: number) {
  return createPlatformClient({
    baseUrls: sim.urls,
    tenantSlug: "acme",
    apiVersion: "v1",
    timeoutMs,
    healthTimeoutMs: timeoutMs,
    maxBodyBytes: 1024 * 1024,
    fetch: globalThis.fetch,
  });
}

describe("every check against every simulator scenario (runSmoke)", () => {
  it("has an expectation for every scenario the simulator offers", () => {
    expect(Object.keys(SCENARIO_EXPECTATIONS).sort()).toEqual([...SCENARIOS].sort());
  });

  for (const scenario of SCENARIOS) {
    it(scenario, async () => {
      const exp = SCENARIO_EXPECTATIONS[scenario]!;
      sim.setScenario(scenario, "all", { latencyMs: exp.latencyMs ?? 3000 });
      const timeoutMs = exp.timeoutMs ?? 2500;
      const started = performance.now();
      const report = await runSmoke(client(timeoutMs), { includeIsolation: true, perCheckTimeoutMs: timeoutMs });
      // Concurrent checks: the run lasts about as long as one budget, not twenty of them.
      expect(performance.now() - started).toBeLessThan(timeoutMs + 1500);
      expect(report.results.map((r) => r.id)).toEqual([...CHECK_IDS]);
      for (const r of report.results) {
        const id = r.id as (typeof CHECK_IDS)[number];
        const failure = exp.mayFail?.[id];
        const allowed = failure ? [exp.verdicts[id], "fail"] : [exp.verdicts[id]];
        expect(allowed, `${scenario} ${id}: ${r.verdict} — ${r.summary}`).toContain(r.verdict);
        if (r.verdict === "fail" && exp.verdicts[id] !== "fail") expect(r.summary, `${scenario} ${id}: why it may fail`).toMatch(failure!);
        expect(r.summary.length).toBeGreaterThan(0);
        expect(r.seen?.length ?? 0, `${id} records what it saw`).toBeGreaterThan(0);
      }
      for (const [id, want] of Object.entries(exp.summaries ?? {})) {
        const got = report.results.find((r) => r.id === id)!.summary;
        if (typeof want === "string") expect(got, id).toBe(want);
        else expect(got, id).toMatch(want);
      }
      for (const [id, section] of Object.entries(exp.sections ?? {})) {
        expect(report.results.find((r) => r.id === id)!.runbookSection, id).toBe(section);
      }
    });
  }

  it("gives up on a slow platform at the per-check budget", async () => {
    sim.setScenario("slow", "all", { latencyMs: 3000 });
    const started = performance.now();
    const report = await runSmoke(client(400), { perCheckTimeoutMs: 400 });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(new Set(report.results.map((r) => r.summary))).toEqual(new Set(["no answer within 400 ms"]));
  });

  it("records status, content type, redirect target and timings of what it saw", async () => {
    sim.setScenario("legacy-health", "all");
    const report = await runSmoke(client(2500));
    const seen = report.results.find((r) => r.id === "mgmt.health")!.seen!;
    expect(seen[0]).toMatchObject({ method: "GET", path: "/health", status: 307 });
    expect(seen[0]!.location).toMatch(/\/health\/$/);
    expect(seen[1]).toMatchObject({ path: "/health/", status: 200, contentType: "application/json" });
    expect(seen[1]!.totalMs).toBeGreaterThanOrEqual(900);
    expect(seen[1]!.excerpt).toContain('"status":"healthy"');
  });
});

describe("SLO series from the console's shipped definitions", () => {
  it("finds every series the shipped definitions read in the simulator's live /metrics, and none in the static one", async () => {
    const { loadSloDefinitionsFile } = await import("@/lib/slo/definitions");
    const { sloSchemesFromDefinitions } = await import("@/lib/smoke/checks/metrics");
    const defs = await loadSloDefinitionsFile();
    if (!defs.ok) throw new Error("shipped SLO definitions do not parse");
    const sloSchemes = sloSchemesFromDefinitions(defs.definitions);
    expect(sloSchemes.map((s) => s.name).sort()).toEqual(["platform alert rules", "platform metrics registry"]);
    sim.setScenario("healthy");
    const live = await runSmoke(client(2500), { sloSchemes });
    expect(live.results.find((r) => r.id === "mgmt.metrics")).toMatchObject({ verdict: "pass" });
    sim.setScenario("static-metrics");
    const stat = await runSmoke(client(2500), { sloSchemes });
    expect(stat.results.find((r) => r.id === "mgmt.metrics")!.summary).toMatch(/^exposed, business SLO series missing/);
  });
});
