import { execFileSync } from "node:child_process";

/**
 * Ports of the end-to-end environment (a console + simulator of their own), chosen once per run by the
 * Playwright runner and handed to its workers through the environment: fixed ports made two runs on one
 * machine collide. E2E_PORT pins them (the simulator takes the next four ports).
 */
function pickPorts(): number {
  if (process.env.E2E_PORT) return Number(process.env.E2E_PORT);
  // Five consecutive free loopback ports: the console, then the simulator's four surfaces.
  const script = `
const net = require("node:net");
const tryBase = (n) => {
  if (n > 50) { console.error("no free ports"); process.exit(1); }
  const base = 20000 + Math.floor(Math.random() * 40000);
  const servers = [];
  const next = (i) => {
    if (i === 5) { servers.forEach((s) => s.close()); process.stdout.write(String(base)); return; }
    const s = net.createServer();
    s.once("error", () => { servers.forEach((x) => x.close()); tryBase(n + 1); });
    s.listen(base + i, "127.0.0.1", () => { servers.push(s); next(i + 1); });
  };
  next(0);
};
tryBase(0);`;
  const port = Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
  process.env.E2E_PORT = String(port);
  return port;
}

const port = pickPorts();
const host = (p: number) => `http://127.0.0.1:${p}`;

export const E2E = {
  port,
  baseURL: host(port),
  simPortBase: port + 1,
  sim: {
    mgmt: host(port + 1),
    admin: host(port + 2),
    reseller: host(port + 3),
    tenant: host(port + 4),
  },
  dataDir: ".data/e2e",
  // A recognisable value so tests can prove it never reaches a browser.
  upstreamToken: "sim-upstream-token-7f3a9c1e5b",
  /** Bearer token of the console's Alertmanager receiver in the e2e console. */
  alertmanagerToken: "e2e-alertmanager-token-5d8e2a7c",
  authDir: "e2e/.auth",
} as const;

export type DemoRole = "viewer" | "responder" | "admin";
export const storageStateFor = (role: DemoRole) => `${E2E.authDir}/${role}.json`;
