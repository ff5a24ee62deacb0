import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createConnection } from "node:net";
import { freePort } from "./daemon";

export interface ThrowawayRedis {
  url: string;
  stop(): Promise<void>;
}

const CANDIDATES = ["/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server"];
const INSTALL_HINT = "install redis-server: apt-get install -y redis-server";

function findBinary(): string | null {
  const fromEnv = process.env.REDIS_SERVER_BIN;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const dir of (process.env.PATH ?? "").split(":")) {
    if (dir && existsSync(`${dir}/redis-server`)) return `${dir}/redis-server`;
  }
  return CANDIDATES.find((c) => existsSync(c)) ?? null;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createConnection({ host: "127.0.0.1", port });
    sock.once("connect", () => {
      sock.destroy();
      resolve(true);
    });
    sock.once("error", () => resolve(false));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 3000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** A real, empty, throwaway redis-server on a free loopback port, without persistence. */
export async function startRedis(opts: { port?: number } = {}): Promise<ThrowawayRedis> {
  const bin = findBinary();
  if (!bin) throw new Error(`redis-server not found on PATH; ${INSTALL_HINT}`);
  const port = opts.port ?? (await freePort());
  const child = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  child.stderr?.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  const spawnError = new Promise<Error>((resolve) => child.once("error", resolve));

  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const failed = await Promise.race([spawnError, new Promise<null>((r) => setTimeout(() => r(null), 50))]);
    if (failed) throw new Error(`could not start ${bin}: ${failed.message}; ${INSTALL_HINT}`);
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}: ${output.trim().slice(-500)}`);
    if (await canConnect(port)) return { url: `redis://127.0.0.1:${port}/0`, stop: () => stopChild(child) };
  }
  await stopChild(child);
  throw new Error(`redis-server did not accept connections on 127.0.0.1:${port} within 10 s: ${output.trim().slice(-500)}`);
}
