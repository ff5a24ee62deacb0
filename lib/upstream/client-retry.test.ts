import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createPlatformClient } from "@/lib/upstream/client";
import { UpstreamError } from "@/lib/upstream/errors";
import { parseRetryAfterMs, retryDelayMs } from "@/lib/upstream/retry";
import { startTestServer, type TestServer } from "@/lib/upstream/test-http-server";
import type { Observation, PlatformConfig } from "@/lib/upstream/types";

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const configFor = (url: string, timeoutMs = 3_000): PlatformConfig => ({
  baseUrls: { mgmt: url, admin: url, reseller: url, tenant: url },
  tenantSlug: "acme",
  apiVersion: "v1",
  timeoutMs,
  healthTimeoutMs: 3_000,
  maxBodyBytes: 65_536,
  fetch: globalThis.fetch,
});

/** Answers `failures` (status or "reset") in turn, then 200 JSON. */
function flaky(failures: (number | "reset")[], headers: Record<string, string> = {}) {
  let n = 0;
  return (req: { socket: { destroy(): void } }, res: ServerResponse) => {
    const f = failures[n++];
    if (f === "reset") return req.socket.destroy();
    if (f !== undefined) return res.writeHead(f, { "content-type": "text/plain", ...headers }).end(`status ${f}`);
    res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
  };
}

describe("retries", () => {
  it.each([502, 503, 504, 429])("retries a GET answered %i and succeeds on the third request", async (status) => {
    server = await startTestServer(flaky([status, status]));
    const { data } = await createPlatformClient(configFor(server.url)).getJson("mgmt", "/x", z.object({ ok: z.boolean() }));
    expect(data.ok).toBe(true);
    expect(server.seen).toHaveLength(3);
  });

  it("stops after two retries and reports the last answer", async () => {
    server = await startTestServer(flaky([503, 503, 503, 503]));
    const obs = await createPlatformClient(configFor(server.url)).probe("mgmt", "/x");
    expect(obs.status).toBe(503);
    expect(server.seen).toHaveLength(3);
  });

  it("retries a GET whose connection was reset", async () => {
    server = await startTestServer(flaky(["reset"]));
    const obs = await createPlatformClient(configFor(server.url)).probe("admin", "/api/health");
    expect(obs.status).toBe(200);
    expect(server.seen).toHaveLength(2);
  });

  it.each([500, 404, 400, 401, 422])("does not retry a GET answered %i", async (status) => {
    server = await startTestServer(flaky([status]));
    const obs = await createPlatformClient(configFor(server.url)).probe("mgmt", "/x");
    expect(obs.status).toBe(status);
    expect(server.seen).toHaveLength(1);
  });

  it("never retries a POST, neither on 503 nor on a reset", async () => {
    server = await startTestServer(flaky([503, "reset"]));
    const client = createPlatformClient(configFor(server.url));
    expect((await client.probe("reseller", "/api/auth/refresh", { method: "POST" })).status).toBe(503);
    const e = await client.probe("reseller", "/api/auth/refresh", { method: "POST" }).catch((err: unknown) => err);
    expect((e as UpstreamError).kind).toBe("unreachable");
    expect(server.seen).toHaveLength(2);
  });

  it("respects a long Retry-After by not retrying, and waits out a short one", async () => {
    server = await startTestServer(flaky([429], { "retry-after": "30" }));
    expect((await createPlatformClient(configFor(server.url)).probe("mgmt", "/x")).status).toBe(429);
    expect(server.seen).toHaveLength(1);
    await server.close();

    server = await startTestServer(flaky([429], { "retry-after": "1" }));
    const t0 = Date.now();
    expect((await createPlatformClient(configFor(server.url)).probe("mgmt", "/x")).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(server.seen).toHaveLength(2);
  });

  it("does not retry past the time budget", async () => {
    server = await startTestServer(flaky([503, 503]));
    const obs = await createPlatformClient(configFor(server.url, 120)).probe("mgmt", "/x");
    expect(obs.status).toBe(503);
    expect(server.seen).toHaveLength(1);
  });
});

describe("retryDelayMs", () => {
  const obs = (status: number, headers: Record<string, string> = {}) => ({ status, headers }) as Observation;
  it("backs off exponentially with bounded jitter", () => {
    expect(retryDelayMs({ attempt: 0, obs: obs(503), failure: null, remainingMs: 5_000, random: () => 0 })).toBe(100);
    expect(retryDelayMs({ attempt: 1, obs: obs(503), failure: null, remainingMs: 5_000, random: () => 0 })).toBe(300);
    expect(retryDelayMs({ attempt: 1, obs: obs(503), failure: null, remainingMs: 5_000, random: () => 0.999 })).toBeLessThan(400);
  });
  it("does not retry timeouts", () => {
    const failure = new UpstreamError("timeout", "t");
    expect(retryDelayMs({ attempt: 0, obs: null, failure, remainingMs: 5_000 })).toBeNull();
  });
  it("reads only delta-seconds Retry-After", () => {
    expect(parseRetryAfterMs("0.5")).toBe(500);
    expect(parseRetryAfterMs("Wed, 21 Oct 2015 07:28:00 GMT")).toBeNull();
    expect(parseRetryAfterMs(undefined)).toBeNull();
  });
});
