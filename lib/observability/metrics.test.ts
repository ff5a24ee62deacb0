import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { consoleMetrics, createConsoleMetrics, renderPrometheus } from "@/lib/observability/metrics";
import { Registry, escapeLabelValue } from "@/lib/observability/prometheus-registry";
import { createPlatformClient } from "@/lib/upstream/client";
import { startTestServer, type TestServer } from "@/lib/upstream/test-http-server";

const PROMTOOL = "/usr/bin/promtool";

describe("Registry", () => {
  it("renders counters with escaped label values", () => {
    const r = new Registry();
    const c = r.counter("x_total", "Things.\nSecond line", ["path"]);
    c.inc({ path: 'a"b\\c\nd' }, 2);
    c.inc({ path: 'a"b\\c\nd' });
    expect(r.render()).toBe(
      ['# HELP x_total Things.\\nSecond line', "# TYPE x_total counter", 'x_total{path="a\\"b\\\\c\\nd"} 3', ""].join("\n"),
    );
    expect(escapeLabelValue("plain")).toBe("plain");
  });

  it("renders cumulative histogram buckets, +Inf, sum and count", () => {
    const r = new Registry();
    const h = r.histogram("d_seconds", "Durations.", ["surface"], [0.1, 1]);
    for (const v of [0.05, 0.1, 0.5, 3]) h.observe({ surface: "mgmt" }, v);
    expect(r.render().split("\n")).toEqual([
      "# HELP d_seconds Durations.",
      "# TYPE d_seconds histogram",
      'd_seconds_bucket{surface="mgmt",le="0.1"} 2',
      'd_seconds_bucket{surface="mgmt",le="1"} 3',
      'd_seconds_bucket{surface="mgmt",le="+Inf"} 4',
      'd_seconds_sum{surface="mgmt"} 3.65',
      'd_seconds_count{surface="mgmt"} 4',
      "",
    ]);
  });

  it("refuses invalid names and duplicate metrics, and counters never go down", () => {
    const r = new Registry();
    expect(() => r.counter("bad-name", "x")).toThrow();
    expect(() => r.counter("ok_total", "x", ["le"])).toThrow();
    const c = r.counter("ok_total", "x");
    expect(() => r.counter("ok_total", "x")).toThrow(/twice/);
    c.inc({}, -5);
    expect(c.get()).toBe(0);
  });
});

describe("consoleMetrics", () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it("is one registry per process, rendered by renderPrometheus() with the process's memory", () => {
    const counters = (text: string) => text.split("\n").filter((l) => l.startsWith("oncall_console_"));
    expect(counters(renderPrometheus())).toEqual(counters(consoleMetrics.render()));
    expect(renderPrometheus()).toContain("# TYPE oncall_console_upstream_requests_total counter");
    const rss = Number(/^process_resident_memory_bytes (\d+)$/m.exec(renderPrometheus())?.[1]);
    expect(rss).toBeGreaterThan(10 * 1024 * 1024);
    expect(renderPrometheus()).toMatch(/^nodejs_heap_used_bytes \d+$/m);
    // Old space always holds something: a space that reads 0 would mean the breakdown is not wired.
    expect(Number(/^nodejs_heap_space_used_bytes\{space="old_space"\} (\d+)$/m.exec(renderPrometheus())?.[1])).toBeGreaterThan(0);
  });

  it("counts what the platform client reports: outcomes, errors by kind, latency, retries, coalescing", async () => {
    let hits = 0;
    server = await startTestServer((req, res) => {
      hits++;
      if (req.url === "/flaky" && hits === 2) return res.writeHead(503).end();
      if (req.url === "/plain") return res.writeHead(500, { "content-type": "text/plain" }).end("Internal Server Error");
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    const m = createConsoleMetrics();
    const u = server.url;
    const client = createPlatformClient(
      {
        baseUrls: { mgmt: u, admin: u, reseller: u, tenant: u },
        tenantSlug: "acme",
        apiVersion: "v1",
        timeoutMs: 3_000,
        healthTimeoutMs: 3_000,
        maxBodyBytes: 65_536,
        fetch: globalThis.fetch,
      },
      { onRequest: (r) => m.recordUpstream(r) },
    );
    await client.getJson("mgmt", "/ok", z.object({}));
    await client.getJson("mgmt", "/flaky", z.object({}));
    await expect(client.getJson("mgmt", "/plain", z.object({}))).rejects.toMatchObject({ kind: "http_status" });
    await client.probe("admin", "/api/health");
    m.recordCoalescer("hit");
    m.recordCoalescer("join");
    m.recordCoalescer("join");

    const text = m.render();
    expect(text).toContain('oncall_console_upstream_requests_total{surface="mgmt",outcome="2xx"} 2');
    expect(text).toContain('oncall_console_upstream_requests_total{surface="mgmt",outcome="5xx"} 1');
    expect(text).toContain('oncall_console_upstream_requests_total{surface="admin",outcome="2xx"} 1');
    expect(text).toContain('oncall_console_upstream_errors_total{surface="mgmt",kind="http_status"} 1');
    expect(text).toContain('oncall_console_upstream_retries_total{surface="mgmt"} 1');
    expect(text).toContain('oncall_console_upstream_request_duration_seconds_count{surface="mgmt"} 3');
    expect(text).toContain('oncall_console_coalescer_requests_total{result="join"} 2');
    expect(text).toContain('oncall_console_coalescer_requests_total{result="hit"} 1');
  });

  it("passes promtool's exposition-format check", () => {
    // Fail, not skip: a missing binary must not turn this check into a silent pass.
    if (!existsSync(PROMTOOL)) throw new Error(`${PROMTOOL} is missing: apt-get install -y prometheus`);
    const m = createConsoleMetrics();
    m.recordUpstream({ surface: "mgmt", status: 200, durationMs: 12 });
    m.recordUpstream({ surface: "tenant", kind: "unreachable", durationMs: 3 });
    m.recordCoalescer("miss");
    const check = spawnSync(PROMTOOL, ["check", "metrics"], { input: m.render(), encoding: "utf8", timeout: 10_000 });
    expect(check.stderr + check.stdout).not.toMatch(/error/i);
    expect(check.status).toBe(0);
  });
});
