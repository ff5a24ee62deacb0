import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const PROMETHEUS = "/usr/bin/prometheus";

export interface ThrowawayPrometheus {
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** A real Prometheus on a free loopback port, scraping `targets` every second, with an optional rules file. */
export async function startPrometheus(opts: { targets: string[]; rulesYaml?: string }): Promise<ThrowawayPrometheus> {
  if (!existsSync(PROMETHEUS)) throw new Error(`${PROMETHEUS} is missing: apt-get install -y prometheus`);
  const dir = await mkdtemp(path.join(tmpdir(), "prometheus-"));
  const rules = opts.rulesYaml ? `rule_files: ["${path.join(dir, "rules.yml")}"]\n` : "";
  if (opts.rulesYaml) await writeFile(path.join(dir, "rules.yml"), opts.rulesYaml);
  await writeFile(
    path.join(dir, "prometheus.yml"),
    `global:\n  scrape_interval: 1s\n  scrape_timeout: 900ms\n  evaluation_interval: 1s\n${rules}scrape_configs:\n  - job_name: sim\n    static_configs:\n      - targets: ${JSON.stringify(opts.targets)}\n`,
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = "";
  const child: ChildProcess = spawn(
    PROMETHEUS,
    [`--config.file=${path.join(dir, "prometheus.yml")}`, `--storage.tsdb.path=${path.join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--log.level=warn"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  child.stderr?.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-2000)));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    await rm(dir, { recursive: true, force: true });
  };
  const readyBy = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`prometheus exited with ${child.exitCode}: ${log}`);
    }
    if (await fetch(`${url}/-/ready`).then((r) => r.ok, () => false)) return { url, stop };
    if (Date.now() > readyBy) {
      await stop();
      throw new Error(`prometheus not ready within 20 s: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
