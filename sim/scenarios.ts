import { SIM_SURFACES, type SimSurface } from "./types";

export const SCENARIOS = [
  "healthy",
  "bgops-no-redis",
  "redis-down",
  "bgops-not-mounted",
  "legacy-health",
  "not-ready",
  "degraded",
  "https-required",
  "tenant-mismatch",
  "bad-api-version",
  "static-metrics",
  "slow",
  "hang",
  "flaky",
  "malformed-json",
  "oversized-body",
  "connection-reset",
] as const;

export type ScenarioName = (typeof SCENARIOS)[number];

export const DEFAULT_LATENCY_MS = 3000;

export interface SurfaceScenario {
  scenario: ScenarioName;
  latencyMs: number;
}

export function isScenario(name: string): name is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(name);
}

export class UnknownScenarioError extends Error {
  constructor(readonly scenario: string) {
    super(`unknown scenario "${scenario}"; valid: ${SCENARIOS.join(", ")}`);
  }
}

/** Current scenario per surface, switchable while the simulator runs. */
export class ScenarioBoard {
  private state = new Map<SimSurface, SurfaceScenario>();

  constructor(initial: string = "healthy", latencyMs = DEFAULT_LATENCY_MS) {
    this.set(initial, "all", latencyMs);
  }

  set(scenario: string, surface: SimSurface | "all" = "all", latencyMs?: number): void {
    if (!isScenario(scenario)) throw new UnknownScenarioError(scenario);
    if (surface !== "all" && !SIM_SURFACES.includes(surface)) throw new Error(`unknown surface "${surface}"`);
    const targets = surface === "all" ? SIM_SURFACES : [surface];
    for (const s of targets) {
      const previous = this.state.get(s)?.latencyMs ?? DEFAULT_LATENCY_MS;
      this.state.set(s, { scenario, latencyMs: latencyMs ?? previous });
    }
  }

  get(surface: SimSurface): SurfaceScenario {
    return this.state.get(surface) ?? { scenario: "healthy", latencyMs: DEFAULT_LATENCY_MS };
  }

  snapshot(): Record<SimSurface, SurfaceScenario> {
    return Object.fromEntries(SIM_SURFACES.map((s) => [s, this.get(s)])) as Record<SimSurface, SurfaceScenario>;
  }
}
