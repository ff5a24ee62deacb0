import type { APIRequestContext } from "@playwright/test";
import { E2E } from "../env";

export interface SimCatalog {
  sagas: Record<string, string>;
  keys: Record<string, string>;
}

export async function simCatalog(request: APIRequestContext): Promise<SimCatalog> {
  return (await (await request.get(`${E2E.sim.mgmt}/__sim/catalog`)).json()) as SimCatalog;
}

/** Requests the simulator saw whose path contains `marker`; hostile values carry one so parallel tests cannot disturb the count. */
export async function upstreamHits(request: APIRequestContext, marker: string): Promise<number> {
  const body = (await (await request.get(`${E2E.sim.mgmt}/__sim/requests`)).json()) as { entries: { path: string; count: number }[] };
  return body.entries.filter((e) => e.path.toLowerCase().includes(marker)).reduce((n, e) => n + e.count, 0);
}

export async function setSimScenario(request: APIRequestContext, scenario: string, surface = "mgmt") {
  const res = await request.post(`${E2E.sim.mgmt}/__sim/scenario`, { data: { scenario, surface } });
  if (!res.ok()) throw new Error(`could not switch the simulator to ${scenario}: ${res.status()} ${await res.text()}`);
}

export const HOSTILE_MARKER = "zzhostileui";
export const hostileValues = [`${HOSTILE_MARKER}..x`, `${HOSTILE_MARKER}%2Fx`, `${HOSTILE_MARKER}é`, `${HOSTILE_MARKER}${"a".repeat(10_000)}`];
