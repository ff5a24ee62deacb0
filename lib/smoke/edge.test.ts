import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { edgeChecks } from "@/lib/smoke/checks/edge";
import { runCheck } from "@/lib/smoke/run-check";
import { healthyRoutes, json, startFixture, text, type Fixture } from "@/lib/smoke/test-fixture";

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(() => fx.close());
beforeEach(() => {
  fx.routes = healthyRoutes();
});

const edge = () => runCheck(edgeChecks[0]!, { client: fx.client(), timeoutMs: 2000, now: Date.now });
const BGOPS = "/api/v1/bgops/idempotency";

describe("the §7 edge check", () => {
  it("passes when the gateway lets the console's request through on loopback, and says what it cannot see", async () => {
    const r = await edge();
    expect(r).toMatchObject({ id: "mgmt.edge", verdict: "pass", runbookSection: "§7" });
    expect(r.summary).toContain("the gateway passed the console's request (200) over plain http on loopback");
    expect(r.summary).toContain("not visible from the console");
  });

  it("fails on HTTPS_REQUIRED and on a refused token, warns on rate limiting", async () => {
    fx.routes.mgmt[BGOPS] = json(401, { error: "HTTPS_REQUIRED", message: "HTTPS required", details: {} }, { "X-Auth-Error": "HTTPS_REQUIRED" });
    expect(await edge()).toMatchObject({ verdict: "fail", runbookSection: "§7" });
    fx.routes.mgmt[BGOPS] = json(401, { error: "TOKEN_EXPIRED", message: "expired" });
    expect(await edge()).toMatchObject({ verdict: "fail", runbookSection: "§3" });
    fx.routes.mgmt[BGOPS] = json(429, { detail: "Too Many Requests" });
    expect(await edge()).toMatchObject({ verdict: "warn", summary: expect.stringContaining("rate limiting") });
  });

  it("does not blame the edge for what the app behind it answered", async () => {
    fx.routes.mgmt[BGOPS] = text(500, "Internal Server Error");
    expect(await edge()).toMatchObject({ verdict: "pass", summary: expect.stringContaining("(500)") });
  });
});
