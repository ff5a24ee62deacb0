import { spawn, type ChildProcess } from "node:child_process";
import { rm } from "node:fs/promises";
import { createServer } from "node:net";

/** A free loopback port, chosen by the kernel (never a fixed one). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export interface Daemon {
  url: string;
  /** The last 4 KB of the daemon's stderr, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Spawns a loopback daemon (prometheus, alertmanager) and waits until `readyPath` answers 2xx.
 * `dir` is the daemon's scratch directory, removed on stop.
 */
export async function spawnDaemon(opts: { bin: string; args: string[]; url: string; readyPath: string; dir: string; name: string; readyWithinMs?: number }): Promise<Daemon> {
  let log = "";
  const child: ChildProcess = spawn(opts.bin, opts.args, { stdio: ["ignore", "ignore", "pipe"] });
  child.stderr?.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    await rm(opts.dir, { recursive: true, force: true });
  };
  const within = opts.readyWithinMs ?? 20_000;
  const readyBy = Date.now() + within;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`${opts.name} exited with ${child.exitCode}: ${log}`);
    }
    if (await fetch(`${opts.url}${opts.readyPath}`).then((r) => r.ok, () => false)) return { url: opts.url, log: () => log, stop };
    if (Date.now() > readyBy) {
      await stop();
      throw new Error(`${opts.name} not ready within ${within / 1000} s: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
