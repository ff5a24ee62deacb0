import { existsSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, spawnDaemon } from "./daemon";

export { freePort } from "./daemon";

const PROMETHEUS = "/usr/bin/prometheus";

export interface ThrowawayPrometheus {
  url: string;
  log(): string;
  stop(): Promise<void>;
}

export interface PrometheusOptions {
  /** host:port targets scraped at /metrics (job "sim"). */
  targets: string[];
  rulesYaml?: string;
  /** Rule evaluation interval, default "1s". */
  evaluationInterval?: string;
  /** Alertmanager base URL (http://127.0.0.1:port) that firing alerts are sent to. */
  alertmanagerUrl?: string;
}

/** A real Prometheus on a free loopback port, scraping `targets` every second, with an optional rules file. */
export async function startPrometheus(opts: PrometheusOptions): Promise<ThrowawayPrometheus> {
  if (!existsSync(PROMETHEUS)) throw new Error(`${PROMETHEUS} is missing: apt-get install -y prometheus`);
  const dir = await mkdtemp(path.join(tmpdir(), "prometheus-"));
  const rules = opts.rulesYaml ? `rule_files: ["${path.join(dir, "rules.yml")}"]\n` : "";
  if (opts.rulesYaml) await writeFile(path.join(dir, "rules.yml"), opts.rulesYaml);
  const alerting = opts.alertmanagerUrl
    ? `alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ["${new URL(opts.alertmanagerUrl).host}"]\n`
    : "";
  await writeFile(
    path.join(dir, "prometheus.yml"),
    `global:\n  scrape_interval: 1s\n  scrape_timeout: 900ms\n  evaluation_interval: ${opts.evaluationInterval ?? "1s"}\n${rules}${alerting}scrape_configs:\n  - job_name: sim\n    static_configs:\n      - targets: ${JSON.stringify(opts.targets)}\n`,
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return spawnDaemon({
    name: "prometheus",
    bin: PROMETHEUS,
    // Alerts are re-sent every second so a short test does not wait for the default 1 min resend delay.
    args: [
      `--config.file=${path.join(dir, "prometheus.yml")}`, `--storage.tsdb.path=${path.join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`, "--log.level=warn", "--rules.alert.resend-delay=1s",
    ],
    url,
    readyPath: "/-/ready",
    dir,
  });
}
