/**
 * The whole chain on loopback, every part real: the simulator (its incident 15 s after start, 25 s long) →
 * Prometheus scraping it every second with the console's generated rules → Alertmanager (clustering off,
 * 1 s group wait) → the console's receiver over HTTP → an incident with runbook §3 → the team's webhook
 * told → the incident clears once the simulator's incident is over and the alert resolves.
 *
 * Only the burn windows are shortened (page 20s/6s at 6×, ticket 40s/10s at 1×, via the generator's
 * `windows` parameter) so it fits in about a minute; the expressions, labels and annotations are the shipped ones.
 * Only the login-latency SLO is loaded: its simulated incident is unmistakable (80 % of logins over 2 s, none
 * outside it), so the test cannot flap.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { sloRulesYaml, type BurnWindow } from "@/lib/alerts/slo-rules";
import { loadSloDefinitionsFile } from "@/lib/slo/definitions";
import { startAlertmanager, type ThrowawayAlertmanager } from "@/lib/testing/alertmanager";
import { startPrometheus, type ThrowawayPrometheus } from "@/lib/testing/prometheus";
import { startReceiver, type LoopbackReceiver } from "@/lib/testing/receiver";
import { startSimulator, type RunningSim } from "@/sim/server";

const TOKEN = "chain-test-alertmanager-token-42";
const TEST_WINDOWS: BurnWindow[] = [
  { severity: "page", long: "20s", short: "6s", factor: 6 },
  { severity: "ticket", long: "40s", short: "10s", factor: 1 },
];
const INCIDENT = { offsetS: 15, lengthS: 25 };

let dir: string;
let sim: RunningSim;
let team: LoopbackReceiver;
let consoleServer: Server;
let am: ThrowawayAlertmanager;
let prom: ThrowawayPrometheus;
let storeMod: typeof import("@/lib/server/store");
let notify: typeof import("@/lib/server/notify");
let simStartedAt: number;

/** The console's receiver route, served by a plain HTTP server: the same handler the Next route calls. */
async function serveReceiver(handler: (req: Request) => Promise<Response>): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) });
      const response = req.method === "POST" && req.url === "/api/alerts/alertmanager" ? await handler(request) : new Response("not found", { status: 404 });
      res.writeHead(response.status, { "Content-Type": response.headers.get("content-type") ?? "text/plain" });
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "alert-chain-"));
  const loaded = await loadSloDefinitionsFile();
  if (!loaded.ok) throw new Error("shipped definitions invalid");
  const defs = loaded.definitions.filter((d) => d.id === "a-login-latency");
  team = await startReceiver();
  simStartedAt = Date.now();
  sim = await startSimulator({ portBase: 0, incidentOffsetS: INCIDENT.offsetS, incidentLengthS: INCIDENT.lengthS, incidentPeriodS: 3600 });
  Object.assign(process.env, {
    MGMT_API_URL: sim.urls.mgmt, ADMIN_BASE_URL: sim.urls.admin, RESELLER_BASE_URL: sim.urls.reseller, TENANT_BASE_URL: sim.urls.tenant,
    TENANT_SLUG: "acme", API_VERSION: "v1", DATA_DIR: path.join(dir, "data"), ALERTMANAGER_WEBHOOK_TOKEN: TOKEN,
    NOTIFY_WEBHOOK_URL: `${team.url}/slack`, NOTIFY_RETRY_BASE_MS: "100", NEXTAUTH_URL: "http://oncall.test",
  });
  const alerts = await import("@/lib/server/alerts");
  storeMod = await import("@/lib/server/store");
  notify = await import("@/lib/server/notify");
  const served = await serveReceiver(alerts.receiveAlertmanager);
  consoleServer = served.server;
  am = await startAlertmanager({ webhookUrl: `${served.url}/api/alerts/alertmanager`, bearerToken: TOKEN });
  prom = await startPrometheus({
    targets: [new URL(sim.urls.mgmt).host],
    rulesYaml: sloRulesYaml(defs, { windows: TEST_WINDOWS, consoleUrl: "http://oncall.test" }),
    alertmanagerUrl: am.url,
  });
  process.env.PROMETHEUS_URL = prom.url; // the SLO card attached as evidence is read from this Prometheus
}, 60_000);

afterAll(async () => {
  await notify?.notificationsSettled();
  await prom?.stop();
  await am?.stop();
  await new Promise((r) => consoleServer?.close(r));
  await sim?.close();
  await team?.close();
  await (await storeMod?.getStore().catch(() => null))?.close();
  rmSync(dir, { recursive: true, force: true });
  for (const k of ["ALERTMANAGER_WEBHOOK_TOKEN", "NOTIFY_WEBHOOK_URL", "NOTIFY_RETRY_BASE_MS", "DATA_DIR", "NEXTAUTH_URL", "PROMETHEUS_URL"]) delete process.env[k];
});

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined>): Promise<T> {
  const by = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > by) throw new Error(`${what}: not within ${timeoutMs / 1000} s (Prometheus log: ${prom.log()} Alertmanager log: ${am.log()})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

test("SLO burn → Prometheus → Alertmanager → incident with runbook §3 → team told → cleared when the incident ends", async () => {
  const store = await storeMod.getStore();
  // Nothing fires before the simulated incident: login latency is well under 2 s in normal operation.
  const quietUntil = simStartedAt + INCIDENT.offsetS * 1000;
  while (Date.now() < quietUntil - 1000) {
    expect(await store.alerts.list()).toEqual([]);
    await new Promise((r) => setTimeout(r, 1000));
  }

  const incident = await until("an incident opened by the page alert", 45_000, async () => (await store.incidents.list()).find((i) => i.openedBy === "alertmanager"));
  const openedAfterS = (Date.parse(incident.openedAt) - quietUntil) / 1000;
  expect(openedAfterS).toBeGreaterThan(0);
  const [page] = await store.alerts.list({ incidentId: incident.id });
  expect(page).toMatchObject({ alertname: "SLOBurnALoginLatencyPage", severity: "page", status: "firing", runbookSections: ["3"], sectionSource: "label", action: "incident" });
  expect(page!.labels).toMatchObject({ slo: "a-login-latency", runbook_section: "3" });
  expect(page!.annotations.runbook_url).toBe("http://oncall.test/runbook#section-3");
  expect(Number(page!.value)).toBeGreaterThan(0.3); // the error ratio: more than 6 × the 5 % budget
  expect(incident).toMatchObject({ severity: "sev2", status: "open", title: expect.stringContaining("SLOBurnALoginLatencyPage") });

  const told = await team.waitFor((r) => r.body.includes("Incident opened"), 15_000);
  expect(told.body).toContain("SLOBurnALoginLatencyPage");
  expect(told.body).toContain("runbook §3");
  expect(told.body).toContain(`http://oncall.test/incidents/${incident.id}`);

  // The SLO card at firing time, read from the same Prometheus, is attached as evidence.
  const evidence = await until("the SLO card as evidence", 20_000, async () => (await store.incidents.timeline(incident.id)).find((e) => e.kind === "evidence"));
  expect(evidence.data).toMatchObject({ kind: "slo", title: "SLO at firing time: Login latency p95 (scheme A)" });

  // The ticket alert of the same SLO fires too, and is listed without opening an incident.
  const ticket = await until("the ticket alert listed", 30_000, async () => (await store.alerts.list()).find((a) => a.alertname === "SLOBurnALoginLatencyTicket"));
  expect(ticket).toMatchObject({ action: "listed", incidentId: null, severity: "ticket" });

  const endsAt = simStartedAt + (INCIDENT.offsetS + INCIDENT.lengthS) * 1000;
  const resolved = await until("the incident cleared", endsAt - Date.now() + 45_000, async () => {
    const i = await store.incidents.get(incident.id);
    return i?.status === "resolved" ? i : null;
  });
  expect(Date.parse(resolved.resolvedAt!)).toBeGreaterThan(endsAt);
  expect(resolved.resolvedBy).toBe("alertmanager");
  const [after] = await store.alerts.list({ incidentId: incident.id });
  expect(after).toMatchObject({ status: "resolved", alertname: "SLOBurnALoginLatencyPage" });
  await team.waitFor((r) => r.body.includes("Incident resolved"), 15_000);
  expect((await store.incidents.list()).filter((i) => i.openedBy === "alertmanager")).toHaveLength(1);
  console.log(`[chain] incident opened ${openedAfterS.toFixed(1)} s after the simulated incident began; cleared ${((Date.parse(resolved.resolvedAt!) - endsAt) / 1000).toFixed(1)} s after it ended`);
}, 180_000);
