import { describe, expect, it } from "vitest";
import { toJUnitXml } from "@/lib/smoke/junit";
import type { SmokeReport } from "@/lib/smoke/types";

const report: SmokeReport = {
  startedAt: "2025-09-08T10:00:00.000Z",
  finishedAt: "2025-09-08T10:00:01.500Z",
  platform: { baseUrls: { mgmt: "http://m", admin: "http://a", reseller: "http://r", tenant: "http://t" }, tenantSlug: "acme", apiVersion: "v1" },
  results: [
    { id: "mgmt.bgops", surface: "mgmt", title: "bgops", verdict: "fail", summary: 'text/plain 500 <b>&"x"', runbookSection: "§5", durationMs: 12, seen: [{ method: "GET", path: "/api/v1/bgops/idempotency?limit=1&x=<y>", status: 500, excerpt: "bad\u0001byte" }] },
    { id: "mgmt.metrics", surface: "mgmt", title: "metrics", verdict: "warn", summary: "exposed, business SLO series missing", runbookSection: "§6", durationMs: 3 },
    { id: "admin.api-health", surface: "admin", title: "health", verdict: "error", summary: "no answer within 400 ms", runbookSection: "§2", durationMs: 400 },
  ],
  summary: { pass: 0, warn: 1, fail: 1, error: 1 },
};

describe("toJUnitXml", () => {
  const xml = toJUnitXml(report);

  it("counts failures and errors the way CI reads them", () => {
    expect(xml).toContain('<testsuite name="dotmac-smoke" tests="3" failures="1" errors="1" skipped="0"');
    expect(xml).toMatch(/<failure message="text\/plain 500 &lt;b&gt;&amp;&quot;x&quot;" type="fail">/);
    expect(xml).toMatch(/<error message="no answer within 400 ms" type="error">/);
    expect(xml).toContain("<system-out>WARNING: exposed, business SLO series missing");
  });

  it("escapes what the platform sent and drops characters XML cannot carry", () => {
    expect(xml).toContain("GET /api/v1/bgops/idempotency?limit=1&amp;x=&lt;y&gt;: 500");
    expect(xml).not.toContain("\u0001");
    expect(xml).not.toMatch(/&(?!(?:amp|lt|gt|quot|apos);)/);
  });
});
