import { describe, expect, it } from "vitest";
import { parseStoredResult, resultRefsOf, toIdempotencyView } from "@/lib/domain/idempotency-view";
import { fixtureKey } from "@/lib/upstream/schemas/fixtures/load";

const OPTS = { now: Date.parse("2025-09-08T10:05:00Z"), tenantInUse: "acme" };
const view = (state: string, opts = OPTS) => toIdempotencyView(fixtureKey(state), opts);

describe("toIdempotencyView", () => {
  it("parses the stored result out of its string and pretty-prints it", () => {
    const v = view("redis");
    expect(v.result).toEqual({
      kind: "json",
      value: { tenant_id: "acme", container: "isp-acme-1" },
      pretty: '{\n  "tenant_id": "acme",\n  "container": "isp-acme-1"\n}',
    });
    expect(v.operation).toEqual({ raw: "POST_/api/v1/tenants", method: "POST", path: "/api/v1/tenants" });
    expect(v.replay).toBe("a retry replays 200 with the stored result");
  });

  it("keeps a result that is not JSON as raw text", () => {
    expect(view("result-not-json").result).toEqual({ kind: "text", raw: "OK (legacy text result)" });
    expect(view("pending").result).toEqual({ kind: "none" });
  });

  it("counts the TTL down, and says expired once it has passed", () => {
    expect(view("redis").ttl).toMatchObject({ expired: false, label: "expires in 23 h 21 min" });
    expect(view("expired").ttl).toMatchObject({ expired: true, label: "expired 1 d 2 h ago" });
  });

  it("shows a failed key's error and what a retry would get", () => {
    expect(view("failed")).toMatchObject({
      error: "Container quota exceeded for tenant acme",
      status: { value: "failed", known: true, tone: "bad" },
      replay: "a retry gets 400 with the stored error",
    });
  });

  it("flags a key of another tenant", () => {
    expect(view("cross-tenant")).toMatchObject({ crossTenant: true, tenant: "globex", status: { label: "compensated" } });
    expect(view("redis").crossTenant).toBe(false);
  });

  it("renders an unknown status as unknown (raw)", () => {
    expect(view("unknown-status").status).toEqual({ value: "unknown", raw: "replayed", known: false, label: "unknown (replayed)", tone: "unknown" });
  });

  it("reads the memory variant (null user, no result) without gaps turning into errors", () => {
    expect(view("memory")).toMatchObject({ userId: null, result: { kind: "none" }, error: null, status: { label: "in_progress" } });
  });
});

describe("references in the stored result", () => {
  it("links the saga a result names and flags a result that acted on another tenant", () => {
    const refs = resultRefsOf(parseStoredResult('{"saga_id":"5f0c3a52-1e7b-4c4a-9d2e-6a1b7c00000a","tenant_id":"globex"}'), "acme");
    expect(refs).toEqual({ sagaId: "5f0c3a52-1e7b-4c4a-9d2e-6a1b7c00000a", tenant: "globex", tenantDiffers: true });
  });

  it("ignores hostile or absent ids and a result for the key's own tenant", () => {
    expect(resultRefsOf(parseStoredResult('{"saga_id":"../../admin","tenant_id":"acme"}'), "acme")).toEqual({ sagaId: null, tenant: "acme", tenantDiffers: false });
    expect(resultRefsOf(parseStoredResult("not json"), "acme")).toEqual({ sagaId: null, tenant: null, tenantDiffers: false });
    expect(resultRefsOf(parseStoredResult("[1,2]"), "acme").sagaId).toBeNull();
  });
});
