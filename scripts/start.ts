/**
 * `npm start`: validates the configuration, starts the built-in simulator when no platform URL is set
 * (demo mode), builds the console if there is no build yet, then runs `next start`.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { formatConfigProblems, parsePlatformEnv, PLATFORM_VARIABLES } from "../lib/config/platform-env";
import { parseConsoleEnv } from "../lib/config/console-env";

const root = resolve(import.meta.dirname, "..");
const nextBin = join(root, "node_modules", ".bin", "next");
const args = new Set(process.argv.slice(2));
const env: Record<string, string | undefined> = { ...process.env };

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

function run(cmd: string, argv: string[]): Promise<number> {
  return new Promise((done) => {
    const child = spawn(cmd, argv, { cwd: root, env: env as NodeJS.ProcessEnv, stdio: "inherit" });
    child.on("exit", (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

function authSecret(dataDir: string): string {
  const file = join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

async function main() {
  const port = env.PORT ?? "3000";
  const host = env.HOST ?? "127.0.0.1";
  const demo = PLATFORM_VARIABLES.every((name) => !env[name]);
  let closeSim: (() => Promise<void>) | undefined;
  // Only this script knows whether it started the simulator; an inherited value must not claim it did.
  delete env.CONSOLE_SIMULATOR;

  const dataDir = resolve(root, env.DATA_DIR ?? ".data");
  mkdirSync(dataDir, { recursive: true });
  env.DATA_DIR = dataDir;

  if (demo) {
    const { startSimulator } = await import("../sim/server");
    const portBase = Number(env.SIM_PORT_BASE ?? 18001);
    const sim = await startSimulator({
      portBase: Number.isInteger(portBase) ? portBase : 0,
      seed: env.SIM_SEED ? Number(env.SIM_SEED) : undefined,
      static: env.SIM_STATIC === "1",
      scenario: env.SIM_SCENARIO,
      incidentPeriodS: env.SIM_INCIDENT_PERIOD_S ? Number(env.SIM_INCIDENT_PERIOD_S) : undefined,
      incidentLengthS: env.SIM_INCIDENT_LENGTH_S ? Number(env.SIM_INCIDENT_LENGTH_S) : undefined,
    });
    closeSim = () => sim.close();
    // The simulator shares this process: an error in it is logged, and the demo console keeps serving.
    process.on("uncaughtException", (err) => console.error(`[simulator] unexpected error, still running: ${err.stack ?? err}`));
    process.on("unhandledRejection", (err) => console.error(`[simulator] unexpected rejection, still running: ${String(err)}`));
    Object.assign(env, {
      ADMIN_BASE_URL: sim.urls.admin,
      RESELLER_BASE_URL: sim.urls.reseller,
      TENANT_BASE_URL: sim.urls.tenant,
      MGMT_API_URL: sim.urls.mgmt,
      TENANT_SLUG: env.TENANT_SLUG ?? "acme",
      API_VERSION: env.API_VERSION ?? "v1",
      CONSOLE_DEMO: "1",
      CONSOLE_SIMULATOR: "1",
    });
    env.NEXTAUTH_SECRET ??= authSecret(dataDir);
    console.log(`Demo mode: no platform URL is set, so the built-in simulator is serving the platform:`);
    console.log(`  Management API ${sim.urls.mgmt}, admin ${sim.urls.admin}, reseller ${sim.urls.reseller}, tenant ${sim.urls.tenant}`);
  }
  const loopback = ["127.0.0.1", "0.0.0.0", "::1", "localhost"].includes(host);
  env.NEXTAUTH_URL ??= `http://${loopback ? "localhost" : host}:${port}`;

  const platform = parsePlatformEnv(env);
  const consoleEnv = parseConsoleEnv(env);
  const problems = [...(platform.ok ? [] : platform.problems), ...(consoleEnv.ok ? [] : consoleEnv.problems)];
  if (!env.NEXTAUTH_SECRET) {
    problems.push({ variable: "NEXTAUTH_SECRET", value: undefined, problem: "is required outside demo mode", fix: "generate one with `openssl rand -base64 32`" });
  }
  if (problems.length) {
    await closeSim?.();
    fail(formatConfigProblems(problems));
  }

  const dev = args.has("--dev");
  if (!dev && (args.has("--build") || !existsSync(join(root, ".next", "BUILD_ID")))) {
    console.log("No production build yet: running `next build` (about a minute)…");
    const code = await run(nextBin, ["build"]);
    if (code !== 0) {
      await closeSim?.();
      fail("The build failed; see the output above.", 1);
    }
  }

  const child = spawn(nextBin, [dev ? "dev" : "start", "-p", port, "-H", host], { cwd: root, env: env as NodeJS.ProcessEnv, stdio: "inherit" });
  console.log(`Console: ${env.NEXTAUTH_URL}${demo ? "  (sign in as viewer, responder or admin; password: demo)" : ""}`);
  const stop = () => child.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", async (code) => {
    await closeSim?.();
    process.exit(code ?? 0);
  });
}

main().catch((err) => fail(`Could not start the console: ${(err as Error).message}`, 1));
