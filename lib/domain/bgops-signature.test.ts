import { describe, expect, it } from "vitest";
import { classifyBgopsFailure } from "@/lib/domain/bgops-signature";
import { UpstreamError } from "@/lib/upstream/errors";
import type { Observation } from "@/lib/upstream/types";

function obs(status: number, contentType: string | null, bodyText: string, headers: Record<string, string> = {}): Observation {
  return {
    surface: "mgmt", method: "GET", path: "/api/v1/bgops/idempotency?limit=50", status, contentType, headers,
    location: null, ttfbMs: 1, totalMs: 1, bodyText, truncated: false,
  };
}
const httpError = (o: Observation) =>
  new UpstreamError("http_status", `Management API answered ${o.status}`, { status: o.status, contentType: o.contentType, observation: o, surface: "mgmt", path: o.path });

describe("classifyBgopsFailure (CONTRACT §2.5)", () => {
  it.each([
    ["redis_unavailable", obs(500, "text/plain; charset=utf-8", "Internal Server Error"), "500 text/plain from bgops: Internal Server Error", "§5, §2"],
    ["router_not_mounted", obs(404, "application/json", '{"detail":"Not Found"}'), '404 application/json from bgops: {"detail":"Not Found"}', "§5"],
    ["https_required", obs(401, "application/json", '{"error":"HTTPS_REQUIRED","message":"HTTPS required","details":{}}', { "X-Auth-Error": "HTTPS_REQUIRED" }), expect.stringContaining("401 application/json"), "§7"],
    ["tenant_mismatch", obs(403, "application/json", '{"detail":"Tenant context mismatch detected"}'), expect.any(String), "§4"],
    ["tenant_mismatch", obs(403, "application/json", '{"error":"TENANT_MISMATCH","message":"Tenant context mismatch"}'), expect.any(String), "§4"],
    ["tenant_mismatch", obs(403, "application/json", '{"detail":"Gateway tenant validation failed"}'), expect.any(String), "§4"],
    ["bad_api_version", obs(400, "application/json", `{"detail":"API version 'v3' not supported. Use 'v2' instead."}`, { "x-supported-versions": "v1, v2" }), expect.any(String), "§1"],
    ["unreachable", obs(503, "text/html", "<html>Service Unavailable</html>"), expect.stringContaining("503 text/html"), "§2"],
  ])("%s from an HTTP answer", (code, o, seen, section) => {
    const s = classifyBgopsFailure(httpError(o));
    expect(s).toMatchObject({ code, seen, runbookSection: section, fallbackWorthy: true });
    expect(s.meaning.length).toBeGreaterThan(10);
  });

  it("names the 500 text/plain in the short form used for the fallback banner", () => {
    expect(classifyBgopsFailure(httpError(obs(500, "text/plain", "Internal Server Error"))).short).toBe("bgops API answered 500 text/plain");
  });

  it("reads history {source: memory, items: []} as bgops without a Redis client", () => {
    expect(classifyBgopsFailure(obs(200, "application/json", '{"source":"memory","items":[]}'))).toMatchObject({ code: "no_redis_client", fallbackWorthy: true });
  });

  it("does not take a plain not-found for an unmounted router", () => {
    const s = classifyBgopsFailure(httpError(obs(404, "application/json", '{"detail":"Saga not found"}')));
    expect(s).toMatchObject({ code: "other", fallbackWorthy: false });
  });

  it("maps network failures", () => {
    expect(classifyBgopsFailure(new UpstreamError("unreachable", "Management API refused the connection"))).toMatchObject({ code: "unreachable", fallbackWorthy: true, seen: "Management API refused the connection" });
    expect(classifyBgopsFailure(new UpstreamError("timeout", "Management API did not answer within 5000 ms"))).toMatchObject({ code: "timeout", fallbackWorthy: true });
  });

  it("never falls back on refused input, a JSON 422 or unknown errors", () => {
    expect(classifyBgopsFailure(new UpstreamError("invalid_input", "Saga id contains a slash")).fallbackWorthy).toBe(false);
    expect(classifyBgopsFailure(httpError(obs(422, "application/json", '{"detail":[]}'))).code).toBe("other");
    expect(classifyBgopsFailure("weird").code).toBe("other");
    expect(classifyBgopsFailure(null).code).toBe("other");
  });

  it("returns a signature an error already carries", () => {
    const sig = classifyBgopsFailure(obs(200, "application/json", '{"source":"memory","items":[]}'));
    expect(classifyBgopsFailure(Object.assign(new Error("x"), { signature: sig }))).toBe(sig);
  });
});
