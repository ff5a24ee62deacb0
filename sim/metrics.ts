import type { Rng } from "./prng";
import { Registry, type RecordedHistory } from "./metrics-registry";

/** The platform's real /metrics today (CONTRACT §4): a comment and seven zero counters, no SLO series. */
export const STATIC_METRICS_TEXT = [
  "# Metrics export via OTLP (SigNoz)",
  "# Prometheus exposition disabled",
  ...[
    "dotmac_customers_total",
    "dotmac_billing_runs_total",
    "dotmac_api_requests_total",
    "dotmac_notifications_sent_total",
    "dotmac_partner_signups_total",
    "dotmac_commission_calculated_total",
    "dotmac_tenant_active_total",
  ].flatMap((m) => [`# HELP ${m} Auto-exposed business metric`, `# TYPE ${m} counter`, `${m} 0`]),
  "",
].join("\n");

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const LOGIN_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 3, 5, 10];
const PROVISION_BUCKETS = [5, 10, 20, 30, 45, 60, 90, 120, 300];
const SLO_TENANTS = ["acme", "globex", "initech", "umbrella"];
const ENDPOINTS = ["/api/v1/tenants", "/api/v1/customers", "/api/v1/billing/invoices", "/api/v1/bgops/idempotency"];
const SERVICE = "management";

/** Rates per second in normal operation; the incident multiplies failures and login latency. */
const RATE = { logins: 2, provisioning: 0.08, http: 30, dbQueries: 20 };

export class PlatformMetrics {
  private readonly reg: Registry;
  private carry = new Map<string, number>();

  constructor(
    private readonly rng: Rng,
    createdAtMs: number,
  ) {
    this.reg = new Registry(() => createdAtMs);
    const r = this.reg;
    r.define("dotmac_management_login_attempts_total", "counter", "Login attempts by result");
    r.define("dotmac_management_login_duration_seconds", "histogram", "Login duration", LOGIN_BUCKETS);
    r.define("dotmac_management_provisioning_requests_total", "counter", "Tenant provisioning requests by result");
    r.define("dotmac_management_provisioning_duration_seconds", "histogram", "Tenant provisioning duration", PROVISION_BUCKETS);
    r.define("dotmac_management_http_requests_total", "counter", "HTTP requests by status code");
    r.define("dotmac_management_active_tenants", "gauge", "Active tenants");
    r.define("login_success_rate_total", "counter", "SLO login_success_rate: total events");
    r.define("login_success_rate_success_total", "counter", "SLO login_success_rate: successful events");
    r.define("api_request_success_rate_total", "counter", "SLO api_request_success_rate: total events");
    r.define("api_request_success_rate_success_total", "counter", "SLO api_request_success_rate: successful events");
    r.define("service_provisioning_success_rate_total", "counter", "SLO service_provisioning_success_rate: total events");
    r.define("service_provisioning_success_rate_success_total", "counter", "SLO service_provisioning_success_rate: successful events");
    r.define("api_response_latency", "histogram", "SLO api_response_latency", LATENCY_BUCKETS);
    r.define("database_query_latency", "histogram", "SLO database_query_latency", LATENCY_BUCKETS);
    r.define("http_requests_total", "counter", "Total HTTP requests");
    r.define("http_request_duration_seconds", "histogram", "HTTP request duration", LATENCY_BUCKETS);
    r.set("dotmac_management_active_tenants", {}, 8);
  }

  /** Whole events for this interval; fractions carry over so low rates still tick at the right pace. */
  private events(name: string, ratePerS: number, seconds: number): number {
    const exact = ratePerS * seconds + (this.carry.get(name) ?? 0);
    const whole = Math.floor(exact);
    this.carry.set(name, exact - whole);
    return whole;
  }

  /** Grows every series by `seconds` of traffic; `samples` bounds the work for large warm-up intervals. */
  advance(seconds: number, incident: boolean, samples = 200): void {
    this.logins(this.events("logins", RATE.logins, seconds), incident, samples);
    this.provisioning(this.events("prov", RATE.provisioning, seconds), incident, samples);
    this.http(this.events("http", RATE.http, seconds), incident, samples);
    this.db(this.events("db", RATE.dbQueries, seconds), samples);
  }

  private batches(n: number, samples: number, fn: (weight: number) => void): void {
    if (n <= 0) return;
    const k = Math.min(n, samples);
    const weight = n / k;
    let done = 0;
    for (let i = 0; i < k; i++) {
      const w = i === k - 1 ? n - done : Math.round(weight);
      done += w;
      if (w > 0) fn(w);
    }
  }

  private logins(n: number, incident: boolean, samples: number): void {
    this.batches(n, samples, (w) => {
      const ok = this.rng.chance(incident ? 0.9 : 0.996);
      const tenant = this.rng.pick(SLO_TENANTS);
      const seconds = incident ? 1.2 + this.rng.next() * 4 : 0.08 + this.rng.next() ** 3 * 1.5;
      this.reg.inc("dotmac_management_login_attempts_total", { result: ok ? "success" : "failure" }, w);
      this.reg.observe("dotmac_management_login_duration_seconds", {}, seconds, w);
      const labels = { tenant_id: tenant, service: SERVICE, method: "password" };
      this.reg.inc("login_success_rate_total", labels, w);
      if (ok) this.reg.inc("login_success_rate_success_total", labels, w);
    });
  }

  private provisioning(n: number, incident: boolean, samples: number): void {
    this.batches(n, samples, (w) => {
      const ok = this.rng.chance(incident ? 0.55 : 0.99);
      const seconds = incident ? 45 + this.rng.next() * 120 : 15 + this.rng.next() * 35;
      this.reg.inc("dotmac_management_provisioning_requests_total", { result: ok ? "success" : "failure" }, w);
      this.reg.observe("dotmac_management_provisioning_duration_seconds", {}, seconds, w);
      const labels = { tenant_id: this.rng.pick(SLO_TENANTS), service: SERVICE, provision_type: "tenant" };
      this.reg.inc("service_provisioning_success_rate_total", labels, w);
      if (ok) this.reg.inc("service_provisioning_success_rate_success_total", labels, w);
    });
  }

  private http(n: number, incident: boolean, samples: number): void {
    this.batches(n, samples, (w) => {
      const endpoint = this.rng.pick(ENDPOINTS);
      const roll = this.rng.next();
      const fiveXx = incident ? 0.07 : 0.004;
      const status = roll < fiveXx ? this.rng.pick(["500", "502", "503"]) : roll < fiveXx + 0.03 ? this.rng.pick(["400", "404", "422"]) : "200";
      const seconds = 0.004 + this.rng.next() ** 4 * (incident ? 3 : 0.8);
      const method = endpoint.includes("bgops") ? "GET" : this.rng.pick(["GET", "GET", "POST"]);
      this.reg.inc("dotmac_management_http_requests_total", { status_code: status }, w);
      this.reg.inc("http_requests_total", { method, endpoint, status_code: status }, w);
      this.reg.observe("http_request_duration_seconds", { method, endpoint }, seconds, w);
      const labels = { tenant_id: this.rng.pick(SLO_TENANTS), service: SERVICE, endpoint };
      this.reg.inc("api_request_success_rate_total", labels, w);
      if (!status.startsWith("5")) this.reg.inc("api_request_success_rate_success_total", labels, w);
      this.reg.observe("api_response_latency", labels, seconds, w);
    });
  }

  private db(n: number, samples: number): void {
    this.batches(n, samples, (w) => {
      const labels = { tenant_id: this.rng.pick(SLO_TENANTS), service: SERVICE, operation: this.rng.pick(["select", "insert", "update"]) };
      this.reg.observe("database_query_latency", labels, 0.001 + this.rng.next() ** 5 * 0.6, w);
    });
  }

  render(): string {
    return this.reg.render();
  }

  recordInto(out: RecordedHistory, k: number): void {
    this.reg.recordInto(out, k);
  }
}
