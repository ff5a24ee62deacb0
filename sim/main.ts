import { parseArgs } from "node:util";
import { DEFAULT_SEED, SCENARIOS, startSimulator, type SimOptions } from "./server";

const HELP = `DotMac platform simulator (Management API + admin, reseller and tenant portals)

Usage: npm run sim -- [options]

  --mgmt-port N        Management API port (default 8001)
  --admin-port N       admin portal port (default 3004)
  --reseller-port N    reseller portal port (default 3005)
  --tenant-port N      tenant portal port (default 3006)
  --port-base N        mgmt=N, admin=N+1, reseller=N+2, tenant=N+3 (0 = free ports)
  --host H             address to listen on (default 127.0.0.1)
  --seed N             seed for the generated data (default ${DEFAULT_SEED})
  --scenario NAME      starting scenario for every surface (default healthy)
  --latency-ms N       latency of the "slow" scenario (default 3000)
  --static             freeze live activity and metrics (for tests)
  --redis URL          write the seed into this Redis and serve bgops from it
  --redis-prefix P     key prefix in Redis (default bgops)
  --incident-period-s N  seconds between simulated incidents (default 600)
  --incident-length-s N  length of each incident (default 120)

Scenarios: ${SCENARIOS.join(", ")}
Switch at run time: curl -X POST <any surface>/__sim/scenario -d '{"scenario":"redis-down","surface":"mgmt"}'`;

function int(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number, got "${value}"`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      "mgmt-port": { type: "string" },
      "admin-port": { type: "string" },
      "reseller-port": { type: "string" },
      "tenant-port": { type: "string" },
      "port-base": { type: "string" },
      host: { type: "string" },
      seed: { type: "string" },
      scenario: { type: "string" },
      "latency-ms": { type: "string" },
      static: { type: "boolean" },
      redis: { type: "string" },
      "redis-prefix": { type: "string" },
      "incident-period-s": { type: "string" },
      "incident-length-s": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  if (values.scenario && !(SCENARIOS as readonly string[]).includes(values.scenario)) {
    console.error(`unknown scenario "${values.scenario}"; valid: ${SCENARIOS.join(", ")}`);
    process.exit(2);
  }
  const ports: SimOptions["ports"] = {};
  for (const s of ["mgmt", "admin", "reseller", "tenant"] as const) {
    const p = int(`${s}-port`, values[`${s}-port`]);
    if (p !== undefined) ports[s] = p;
  }
  const sim = await startSimulator({
    host: values.host,
    ports,
    portBase: int("port-base", values["port-base"]),
    seed: int("seed", values.seed),
    scenario: values.scenario,
    latencyMs: int("latency-ms", values["latency-ms"]),
    static: values.static,
    redisUrl: values.redis,
    redisPrefix: values["redis-prefix"],
    incidentPeriodS: int("incident-period-s", values["incident-period-s"]),
    incidentLengthS: int("incident-length-s", values["incident-length-s"]),
  });
  const c = sim.catalog();
  console.log(`# DotMac simulator ready (${values.redis ? "Redis" : "in-memory"} data, scenario ${values.scenario ?? "healthy"}${values.static ? ", static" : ""}). Paste:`);
  console.log(`export ADMIN_BASE_URL=${sim.urls.admin}`);
  console.log(`export RESELLER_BASE_URL=${sim.urls.reseller}`);
  console.log(`export TENANT_BASE_URL=${sim.urls.tenant}`);
  console.log(`export MGMT_API_URL=${sim.urls.mgmt}`);
  console.log(`export TENANT_SLUG=${c.defaultTenant}`);
  console.log("export API_VERSION=v1");
  console.log(`# e.g. curl ${sim.urls.mgmt}/api/v1/bgops/sagas/${c.sagas.compensationFailed}/history`);
  console.log(`# catalog of well-known ids: curl ${sim.urls.mgmt}/__sim/catalog`);
  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
