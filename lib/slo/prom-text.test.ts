import { describe, expect, it } from "vitest";
import { createdSeriesNames, parsePromText, parseValue } from "./prom-text";

// What the Management API serves today (CONTRACT §4).
const STATIC_METRICS = `# Prometheus exposition disabled
dotmac_customers_total 0
dotmac_billing_runs_total 0
dotmac_api_requests_total 0
dotmac_notifications_sent_total 0
dotmac_partner_signups_total 0
dotmac_commission_calculated_total 0
dotmac_tenant_active_total 0
`;

// prometheus_client 0.0.4 rendering of the platform's Scheme B registry plus Scheme A series.
const CLIENT_OUTPUT = `# HELP login_success_rate_total Login attempts
# TYPE login_success_rate_total counter
login_success_rate_total{method="password",service="mgmt",tenant_id="acme"} 120.0
# HELP login_success_rate_created Login attempts
# TYPE login_success_rate_created gauge
login_success_rate_created{method="password",service="mgmt",tenant_id="acme"} 1.7255e+09
# HELP login_success_rate_success_total Successful logins
# TYPE login_success_rate_success_total counter
login_success_rate_success_total{method="password",service="mgmt",tenant_id="acme"} 118.0
# HELP http_request_duration_seconds HTTP request latency
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{endpoint="/api/v1/tenants",le="0.005",method="GET"} 1.0
http_request_duration_seconds_bucket{endpoint="/api/v1/tenants",le="0.1",method="GET"} 7.0
http_request_duration_seconds_bucket{endpoint="/api/v1/tenants",le="+Inf",method="GET"} 9.0
http_request_duration_seconds_count{endpoint="/api/v1/tenants",method="GET"} 9.0
http_request_duration_seconds_sum{endpoint="/api/v1/tenants",method="GET"} 0.734
# HELP http_request_duration_seconds_created HTTP request latency
# TYPE http_request_duration_seconds_created gauge
http_request_duration_seconds_created{endpoint="/api/v1/tenants",method="GET"} 1.7255e+09
# HELP rpc_duration_seconds A summary of the RPC duration in seconds.
# TYPE rpc_duration_seconds summary
rpc_duration_seconds{quantile="0.5"} 4773
rpc_duration_seconds{quantile="0.99"} NaN
rpc_duration_seconds_sum 1.7560473e+07
rpc_duration_seconds_count 2693
# TYPE dotmac_management_login_attempts_total counter
dotmac_management_login_attempts_total{result="success"} 990 1725500000000
dotmac_management_login_attempts_total{result="failure"} 10 1725500000000
`;

describe("parsePromText", () => {
  it("reads the platform's static /metrics as seven zero counters and no errors", () => {
    const parsed = parsePromText(STATIC_METRICS);
    expect(parsed.errors).toEqual([]);
    expect(parsed.samples).toHaveLength(7);
    expect(parsed.samples.every((s) => s.value === 0)).toBe(true);
    expect(parsed.samples.map((s) => s.name)).toContain("dotmac_tenant_active_total");
    expect(parsed.families.get("dotmac_customers_total")?.type).toBe("untyped");
  });

  it("groups histogram and summary series under their family and keeps HELP text", () => {
    const parsed = parsePromText(CLIENT_OUTPUT);
    expect(parsed.errors).toEqual([]);
    const hist = parsed.families.get("http_request_duration_seconds");
    expect(hist?.type).toBe("histogram");
    expect(hist?.help).toBe("HTTP request latency");
    expect(hist?.samples.map((s) => s.name)).toEqual([
      "http_request_duration_seconds_bucket",
      "http_request_duration_seconds_bucket",
      "http_request_duration_seconds_bucket",
      "http_request_duration_seconds_count",
      "http_request_duration_seconds_sum",
    ]);
    expect(hist?.samples[2]?.labels.le).toBe("+Inf");
    const summary = parsed.families.get("rpc_duration_seconds");
    expect(summary?.type).toBe("summary");
    expect(summary?.samples).toHaveLength(4);
    expect(Number.isNaN(summary?.samples[1]?.value)).toBe(true);
    expect(parsed.families.get("login_success_rate_success_total")?.samples[0]?.value).toBe(118);
  });

  it("reads millisecond timestamps", () => {
    const parsed = parsePromText(CLIENT_OUTPUT);
    const s = parsed.samples.find((x) => x.name === "dotmac_management_login_attempts_total");
    expect(s).toEqual({
      name: "dotmac_management_login_attempts_total",
      labels: { result: "success" },
      value: 990,
      timestampMs: 1725500000000,
    });
  });

  it("flags client-library _created series but not a gauge that happens to end in _created", () => {
    const parsed = parsePromText(
      CLIENT_OUTPUT + "# TYPE tenants_created gauge\ntenants_created 4\n",
    );
    const created = createdSeriesNames(parsed);
    expect([...created].sort()).toEqual(["http_request_duration_seconds_created", "login_success_rate_created"]);
  });

  it("unescapes backslash, quote and newline in label values and HELP", () => {
    const parsed = parsePromText(
      '# HELP odd A \\\\ help\\nline\nodd{path="C:\\\\dir",msg="say \\"hi\\"\\nbye",empty=""} 1\n',
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.samples[0]?.labels).toEqual({ path: "C:\\dir", msg: 'say "hi"\nbye', empty: "" });
    expect(parsed.families.get("odd")?.help).toBe("A \\ help\nline");
  });

  it("reads NaN, +Inf, -Inf and exponent values", () => {
    const parsed = parsePromText("a NaN\nb +Inf\nc -Inf\nd 1.5e-3\ne -0\nf Inf\n");
    expect(parsed.errors).toEqual([]);
    const v = parsed.samples.map((s) => s.value);
    expect(Number.isNaN(v[0])).toBe(true);
    expect(v.slice(1)).toEqual([Infinity, -Infinity, 0.0015, -0, Infinity]);
  });

  it("reports bad lines with their number and keeps the good ones", () => {
    const text = [
      "# TYPE ok counter", //1
      "ok 1", //2
      "", //3
      "bad{label=unquoted} 1", //4
      "novalue", //5
      'esc{a="\\x"} 1', //6
      "num abc", //7
      "ts 1 12.5", //8
      "9starts_with_digit 1", //9
      '# TYPE weird nonsense', //10
      'trail{a="1",} 2', //11
      "too many 1 2 3", //12
      'dup{a="1",a="2"} 1', //13
    ].join("\n");
    const parsed = parsePromText(text);
    expect(parsed.errors.map((e) => e.line)).toEqual([4, 5, 6, 7, 8, 9, 10, 12, 13]);
    expect(parsed.errors[0]?.message).toMatch(/quoted/);
    expect(parsed.errors[3]?.message).toMatch(/invalid value "abc"/);
    expect(parsed.samples.map((s) => s.name)).toEqual(["ok", "trail"]);
    expect(parsed.samples[1]?.labels).toEqual({ a: "1" });
  });

  it("groups OpenMetrics counters (TYPE without _total), drops exemplars, reads second timestamps", () => {
    const text = [
      "# TYPE login_success_rate counter",
      "# HELP login_success_rate Login attempts.",
      'login_success_rate_total{tenant_id="acme"} 5.0 1725500000.5 # {trace_id="abc"} 1.0',
      'login_success_rate_created{tenant_id="acme"} 1.7e9',
      "# EOF",
    ].join("\n");
    const parsed = parsePromText(text);
    expect(parsed.errors).toEqual([]);
    const fam = parsed.families.get("login_success_rate");
    expect(fam?.type).toBe("counter");
    expect(fam?.samples.map((s) => s.name)).toEqual(["login_success_rate_total", "login_success_rate_created"]);
    expect(fam?.samples[0]?.timestampMs).toBe(1725500000500);
    expect(createdSeriesNames(parsed).has("login_success_rate_created")).toBe(true);
  });

  it("accepts CRLF line endings and tabs", () => {
    const parsed = parsePromText("a{x=\"1\"}\t3\r\nb 4\r\n");
    expect(parsed.errors).toEqual([]);
    expect(parsed.samples.map((s) => s.value)).toEqual([3, 4]);
  });
});

describe("parseValue", () => {
  it("rejects what Go's ParseFloat would", () => {
    expect(parseValue("")).toBeUndefined();
    expect(parseValue("0x10")).toBeUndefined();
    expect(parseValue("1,5")).toBeUndefined();
    expect(parseValue("12")).toBe(12);
  });
});
