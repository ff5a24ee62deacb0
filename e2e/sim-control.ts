import { E2E } from "./env";

/** Switch the e2e simulator's scenario (all surfaces unless one is named). Loopback-only control endpoint. */
export async function setScenario(scenario: string, surface: "all" | "mgmt" | "admin" | "reseller" | "tenant" = "all") {
  const res = await fetch(`${E2E.sim.mgmt}/__sim/scenario`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ scenario, surface }),
  });
  if (!res.ok) throw new Error(`could not switch the simulator to ${scenario}: ${res.status} ${await res.text()}`);
}
