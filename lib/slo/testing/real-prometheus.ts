/**
 * Test helper: a real Debian `prometheus` loaded with a backfilled history (promtool
 * create-blocks-from openmetrics), listening on 127.0.0.1 only. Used by the two-source agreement test.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "../../testing/daemon";

export const PROMETHEUS_BIN = "/usr/bin/prometheus";
export const PROMTOOL_BIN = "/usr/bin/promtool";
export const hasRealPrometheus = () => existsSync(PROMETHEUS_BIN) && existsSync(PROMTOOL_BIN);

export interface RunningPrometheus {
  baseUrl: string;
  stop(): Promise<void>;
}

/** Backfills `openMetrics` (must end with "# EOF") and starts Prometheus on it. */
export async function startBackfilledPrometheus(openMetrics: string, readyTimeoutMs = 60_000): Promise<RunningPrometheus> {
  const dir = await mkdtemp(path.join(tmpdir(), "slo-prom-"));
  const input = path.join(dir, "history.om");
  const data = path.join(dir, "data");
  await writeFile(input, openMetrics);
  await promisify(execFile)(PROMTOOL_BIN, ["tsdb", "create-blocks-from", "openmetrics", "-q", input, data], { timeout: readyTimeoutMs });
  await writeFile(path.join(dir, "prometheus.yml"), "global:\n  scrape_interval: 15s\n");
  const port = await freePort();
  const child: ChildProcess = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${path.join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${data}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--storage.tsdb.retention.time=60d",
      "--log.level=warn",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${baseUrl}/-/ready`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return { baseUrl, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`prometheus did not become ready: ${stderr}`);
}
