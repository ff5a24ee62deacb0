import { request } from "node:http";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startSimulator, type RunningSim } from "./server";

let sim: RunningSim;
beforeAll(async () => {
  sim = await startSimulator({ portBase: 0, static: true });
});
afterAll(async () => {
  await sim?.close();
});

/** Starts a GET and destroys the connection after `ms`, as a console that timed out or a closed tab would. */
function abandon(url: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const req = request(url, () => undefined);
    req.on("error", () => resolve());
    req.end();
    setTimeout(() => {
      req.destroy();
      resolve();
    }, ms);
  });
}

test("clients that give up mid-answer leave the simulator serving", async () => {
  sim.setScenario("slow", "mgmt", { latencyMs: 300 });
  await Promise.all(Array.from({ length: 20 }, () => abandon(`${sim.urls.mgmt}/api/v1/bgops/idempotency?limit=5`, 30)));
  sim.setScenario("oversized-body", "mgmt");
  await Promise.all(Array.from({ length: 5 }, () => abandon(`${sim.urls.mgmt}/api/v1/bgops/idempotency?limit=5`, 20)));
  await new Promise((r) => setTimeout(r, 500));
  sim.setScenario("healthy");
  const res = await fetch(`${sim.urls.mgmt}/health/live`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ status: "alive" });
});
