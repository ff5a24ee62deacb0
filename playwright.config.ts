import { defineConfig } from "@playwright/test";
import { CHROMIUM_FLAGS, findChromium } from "./e2e/browser";
import { E2E } from "./e2e/env";

const executablePath = findChromium();

export default defineConfig({
  testDir: "./e2e",
  timeout: 45_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // One worker: several specs switch the shared simulator's scenario, which parallel tests would see.
  workers: 1,
  // No retries: a test that passes only on its second attempt is a failure to fix, not a pass.
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: E2E.baseURL,
    trace: "retain-on-failure",
    launchOptions: { executablePath, args: CHROMIUM_FLAGS },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "api", testMatch: /api\/.*\.spec\.ts/, dependencies: ["setup"] },
    { name: "ui", testMatch: /ui\/.*\.spec\.ts/, dependencies: ["setup"] },
    // Starts its own PostgreSQL, Redis, simulator and two console replicas; needs only the production build.
    { name: "replicas", testMatch: /replicas\/.*\.spec\.ts/ },
  ],
  webServer: {
    // A production build against the simulator, started the way `npm start` does, on ports of its own.
    command: `rm -rf ${E2E.dataDir} && node_modules/.bin/tsx scripts/start.ts`,
    url: `${E2E.baseURL}/api/healthz`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E.port),
      NEXTAUTH_URL: E2E.baseURL,
      HOST: "127.0.0.1",
      DATA_DIR: E2E.dataDir,
      SIM_PORT_BASE: String(E2E.simPortBase),
      SIM_SEED: "42",
      SIM_INCIDENT_PERIOD_S: "120",
      SIM_INCIDENT_LENGTH_S: "60",
      NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123456789",
      MGMT_API_TOKEN: E2E.upstreamToken,
      ALERTMANAGER_WEBHOOK_TOKEN: E2E.alertmanagerToken,
      // A "team" webhook that always refuses (healthz takes no POST): the incident must show the failed notification.
      NOTIFY_JSON_WEBHOOK_URL: `${E2E.baseURL}/api/healthz`,
      NOTIFY_RETRY_BASE_MS: "200",
      COALESCE_MS: "2000",
      CONSOLE_USERS_FILE: "e2e/users.yaml",
      // The platform's 16 alert rules as written (the Vitest fixture): /slo/alerts, the /slo coverage lines, the
      // smoke check and the runbook's §6 step judge them. No PROMETHEUS_URL, so nothing is back-tested.
      ALERT_RULE_FILES: "lib/alert-rules/fixtures/platform-business-slo-alerts.yml",
    },
  },
});
