import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "../../scripts/bench/console-server";

export interface Replica {
  url: string;
  /** SIGKILL: the process gets no chance to flush or clean up. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`console replica exited with ${child.exitCode} before it was ready`);
    try {
      if ((await fetch(`${url}/api/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`console replica at ${url} not ready within ${timeoutMs} ms`);
}

/** The platform variables of a console pointed at a simulator (tenant acme, API v1), as if its URLs were real. */
export function platformEnv(urls: { mgmt: string; admin: string; reseller: string; tenant: string }): Record<string, string> {
  return { MGMT_API_URL: urls.mgmt, ADMIN_BASE_URL: urls.admin, RESELLER_BASE_URL: urls.reseller, TENANT_BASE_URL: urls.tenant, TENANT_SLUG: "acme", API_VERSION: "v1" };
}

/** A production `next start` of the console on its own port, as one of several replicas. */
export async function startReplica(env: Record<string, string>, port?: number): Promise<Replica> {
  const p = port ?? (await freePort());
  const url = `http://127.0.0.1:${p}`;
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(p), "-H", "127.0.0.1"], {
    env: { ...process.env, ...env, NEXTAUTH_URL: url, NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr?.on("data", (d: Buffer) => process.stderr.write(`[replica ${p}] ${d}`));
  await waitHealthy(url, child, 60_000);
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill(signal);
    });
  return { url, crash: () => end("SIGKILL"), stop: () => end("SIGTERM") };
}
