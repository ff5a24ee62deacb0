import type { Verdict } from "@/lib/smoke/types";

/**
 * For tests: the verdict of every check (isolation included) for every simulator scenario.
 * Shared by the library test and the CLI test so both are held to the same table.
 */
export const CHECK_IDS = [
  "mgmt.health",
  "mgmt.health.live",
  "mgmt.health.ready",
  "mgmt.health.startup",
  "admin.api-health",
  "reseller.api-health",
  "tenant.api-health",
  "admin.client-check",
  "reseller.client-check",
  "tenant.client-check",
  "mgmt.metrics",
  "mgmt.bgops",
  "admin.auth-refresh",
  "reseller.auth-refresh",
  "mgmt.clock-skew",
  "admin.clock-skew",
  "reseller.clock-skew",
  "tenant.clock-skew",
  "mgmt.isolation.api-version",
  "mgmt.isolation.tenant-header",
] as const;

export type CheckId = (typeof CHECK_IDS)[number];
type Table = Record<CheckId, Verdict>;

// Current-generation health is static and ready reports only "unknown" checks, the tenant portal's checks are
// placeholders, the reseller has no health route: each answered, but checks nothing (one rule, warn).
const HEALTHY: Table = {
  ...(Object.fromEntries(CHECK_IDS.map((id) => [id, "pass"])) as Table),
  "mgmt.health": "warn",
  "mgmt.health.ready": "warn",
  "tenant.api-health": "warn",
  "reseller.api-health": "warn",
};

const all = (v: Verdict): Table => Object.fromEntries(CHECK_IDS.map((id) => [id, v])) as Table;
const failing = (ids: CheckId[], v: Verdict = "fail"): Partial<Table> => Object.fromEntries(ids.map((id) => [id, v]));

// The edge gates everything except /health*, /ready and /metrics: the portals' routes and bgops.
const GATED: CheckId[] = [
  "admin.api-health",
  "reseller.api-health",
  "tenant.api-health",
  "admin.client-check",
  "reseller.client-check",
  "tenant.client-check",
  "mgmt.bgops",
  "admin.auth-refresh",
  "reseller.auth-refresh",
];
const UNREADABLE: CheckId[] = [
  "mgmt.health",
  "mgmt.health.live",
  "mgmt.health.ready",
  "mgmt.health.startup",
  "admin.api-health",
  "tenant.api-health",
  "admin.client-check",
  "reseller.client-check",
  "tenant.client-check",
  "mgmt.bgops",
];

export interface ScenarioExpectation {
  verdicts: Table;
  /**
   * Checks whose verdict depends on request order (flaky): each may fail instead of its table verdict, and
   * then only with a summary matching its pattern (what the failure must have been).
   */
  mayFail?: Partial<Record<CheckId, RegExp>>;
  /** Per-check timeout to use (hang, slow). */
  timeoutMs?: number;
  /** Extra environment for the CLI run (e.g. a body cap like the library test's). */
  cliEnv?: Record<string, string>;
  /** Simulator latency for the slow scenario. */
  latencyMs?: number;
  /** Summaries that must appear, by check. */
  summaries?: Partial<Record<CheckId, string | RegExp>>;
  sections?: Partial<Record<CheckId, string>>;
}

const with_ = (over: Partial<Table>): Table => ({ ...HEALTHY, ...over });
/** A summary naming a 500 and no 502/503. */
const PLAIN_500_ONLY = /^(?!.*\b50[23]\b).*\b500\b/;

export const SCENARIO_EXPECTATIONS: Record<string, ScenarioExpectation> = {
  healthy: {
    verdicts: HEALTHY,
    summaries: {
      "mgmt.health": '200 healthy: answered, but checks nothing (static answer, timestamp "unknown")',
      "mgmt.health.ready": "200 ready: answered, but checks nothing (no dependency checks reported: configuration unknown)",
      "tenant.api-health": /^200 healthy: answered, but checks nothing \(checks .* are placeholders\)/,
      "reseller.api-health": /answered, but checks nothing/,
      "admin.client-check": 'echoed tenant "acme", apiVersion "v1"',
      "mgmt.bgops": "200 source redis, 1 item",
    },
  },
  "bgops-no-redis": { verdicts: with_({ "mgmt.bgops": "fail" }), summaries: { "mgmt.bgops": /^500 text\/plain from bgops: .* — bgops cannot reach Redis/ } },
  "redis-down": {
    verdicts: with_({ "mgmt.bgops": "fail" }),
    // The same words as the saga and key pages and the runbook widgets.
    summaries: { "mgmt.bgops": "500 text/plain from bgops: Internal Server Error — bgops cannot reach Redis: the Redis client is not importable or Redis is down." },
    sections: { "mgmt.bgops": "§5, §2" },
  },
  "bgops-not-mounted": { verdicts: with_({ "mgmt.bgops": "fail" }), summaries: { "mgmt.bgops": /^404 \{"detail":"Not Found"\} — The bgops router is not mounted/ } },
  "legacy-health": {
    // The legacy generation's /health/ reports real fields; its bare {"status":"ready"} checks nothing.
    verdicts: with_({ "mgmt.health": "pass", "mgmt.health.ready": "warn" }),
    summaries: {
      "mgmt.health": "307 to /health/ — followed: 200 healthy",
      "mgmt.health.ready": "200 ready: answered, but checks nothing (no dependency checks reported)",
      "mgmt.health.startup": "404 (legacy generation) — /startup/status: completed",
    },
  },
  "not-ready": {
    verdicts: with_(failing(["mgmt.health.ready", "admin.api-health", "tenant.api-health"])),
    summaries: { "mgmt.health.ready": /^200 but body says not_ready/, "admin.api-health": /^503 unhealthy: / },
  },
  degraded: {
    verdicts: with_({ "mgmt.health": "warn", "mgmt.health.ready": "fail", "admin.api-health": "fail", "tenant.api-health": "warn", "mgmt.health.startup": "pass" }),
    summaries: { "mgmt.health": /^307 to \/health\/ — followed: 200 degraded/, "mgmt.health.ready": "503 not ready: service unhealthy" },
  },
  "https-required": {
    verdicts: with_({ ...failing(GATED), ...failing(["mgmt.isolation.api-version", "mgmt.isolation.tenant-header"]) }),
    summaries: { "mgmt.bgops": /^401 HTTPS_REQUIRED/, "mgmt.isolation.tenant-header": /^not tested: 401 HTTPS_REQUIRED/ },
    sections: { "mgmt.bgops": "§7", "admin.client-check": "§7" },
  },
  "tenant-mismatch": {
    verdicts: with_({ ...failing(GATED), "mgmt.isolation.api-version": "fail" }),
    summaries: { "tenant.client-check": /^403 Tenant context mismatch detected/ },
    sections: { "mgmt.bgops": "§4", "tenant.client-check": "§4" },
  },
  "bad-api-version": {
    verdicts: with_({ ...failing(GATED), "mgmt.isolation.tenant-header": "fail" }),
    summaries: { "mgmt.bgops": /^400 API version 'v1' not supported.*X-Supported-Versions: v2/ },
    sections: { "mgmt.bgops": "§1", "admin.api-health": "§1" },
  },
  "static-metrics": { verdicts: with_({ "mgmt.metrics": "warn" }), summaries: { "mgmt.metrics": /^exposed, business SLO series missing/ } },
  slow: { verdicts: HEALTHY, latencyMs: 300 },
  hang: { verdicts: all("error"), timeoutMs: 400, summaries: { "mgmt.bgops": "no answer within 400 ms" } },
  flaky: {
    verdicts: HEALTHY,
    // Every third request to a surface fails with 502, 503 or a plain 500, in that order. GETs are retried on
    // 502/503 (the retry lands between failures), so a GET check fails only on a plain 500; the POST of
    // auth-refresh is never retried and fails on any of the three. Clock skew reads the Date header, which
    // every answer carries, 5xx included: it never fails. Nothing times out, so nothing is an error.
    mayFail: {
      ...Object.fromEntries(CHECK_IDS.filter((id) => !id.endsWith(".clock-skew")).map((id) => [id, PLAIN_500_ONLY])),
      "admin.auth-refresh": /^50[023] /,
      "reseller.auth-refresh": /^50[023] /,
    },
  },
  "malformed-json": {
    verdicts: with_({ ...failing(UNREADABLE), "admin.auth-refresh": "warn", "reseller.auth-refresh": "warn" }),
    summaries: { "mgmt.bgops": /^200 application\/json but the body is not valid JSON/ },
  },
  "oversized-body": {
    // The simulator builds 12 MiB per answer; twenty at once on a small machine take a while.
    timeoutMs: 10_000,
    cliEnv: { UPSTREAM_MAX_BODY_BYTES: String(1024 * 1024) },
    verdicts: with_({ ...failing(UNREADABLE), "admin.auth-refresh": "warn", "reseller.auth-refresh": "warn", "mgmt.metrics": "warn" }),
    summaries: { "mgmt.health.live": /over the size limit, cut off/ },
  },
  "connection-reset": { verdicts: all("error"), summaries: { "mgmt.health.live": /^unreachable: .*connection reset/ } },
};

export function failsRun(t: Table): boolean {
  return Object.values(t).some((v) => v === "fail" || v === "error");
}
