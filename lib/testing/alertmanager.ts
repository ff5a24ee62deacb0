import { existsSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, spawnDaemon, type Daemon } from "./daemon";

const ALERTMANAGER = "/usr/bin/prometheus-alertmanager";

export type ThrowawayAlertmanager = Daemon;

export interface AlertmanagerOptions {
  /** Where the one webhook receiver posts (the console's /api/alerts/alertmanager). */
  webhookUrl: string;
  /** Sent as Authorization: Bearer … (http_config.authorization.credentials). */
  bearerToken?: string;
  groupWait?: string;
  groupInterval?: string;
  repeatInterval?: string;
  groupBy?: string[];
}

/** The receiver block an operator pastes (README) — the tests use exactly this shape. */
export function alertmanagerConfigYaml(o: AlertmanagerOptions): string {
  const auth = o.bearerToken
    ? `\n        http_config:\n          authorization:\n            type: Bearer\n            credentials: ${JSON.stringify(o.bearerToken)}`
    : "";
  return `route:
  receiver: oncall-console
  group_by: ${JSON.stringify(o.groupBy ?? ["alertname", "slo"])}
  group_wait: ${o.groupWait ?? "1s"}
  group_interval: ${o.groupInterval ?? "2s"}
  repeat_interval: ${o.repeatInterval ?? "1h"}
receivers:
  - name: oncall-console
    webhook_configs:
      - url: ${JSON.stringify(o.webhookUrl)}
        send_resolved: true
        max_alerts: 0${auth}
`;
}

/**
 * A real Alertmanager (Debian's prometheus-alertmanager) on a free loopback port, clustering off,
 * scratch storage, short group timings so a test sees notifications within seconds.
 */
export async function startAlertmanager(opts: AlertmanagerOptions): Promise<ThrowawayAlertmanager> {
  if (!existsSync(ALERTMANAGER)) throw new Error(`${ALERTMANAGER} is missing: apt-get install -y prometheus-alertmanager`);
  const dir = await mkdtemp(path.join(tmpdir(), "alertmanager-"));
  await writeFile(path.join(dir, "alertmanager.yml"), alertmanagerConfigYaml(opts));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return spawnDaemon({
    name: "alertmanager",
    bin: ALERTMANAGER,
    args: [
      `--config.file=${path.join(dir, "alertmanager.yml")}`, `--storage.path=${path.join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`, "--cluster.listen-address=", "--log.level=warn",
    ],
    url,
    readyPath: "/-/ready",
    dir,
  });
}
