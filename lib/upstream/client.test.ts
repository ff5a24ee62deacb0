import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createPlatformClient, type UpstreamRequestReport } from "@/lib/upstream/client";
import { UpstreamError } from "@/lib/upstream/errors";
import { bgopsPaths } from "@/lib/upstream/paths";
import { closedPort, startTestServer, type TestServer } from "@/lib/upstream/test-http-server";
import type { PlatformConfig } from "@/lib/upstream/types";

const TOKEN = "mgmt-secret-token-1234567890";
let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function configFor(url: string, over: Partial<PlatformConfig> = {}): PlatformConfig {
  return {
    baseUrls: { mgmt: `${url}/m`, admin: `${url}/a`, reseller: `${url}/r`, tenant: `${url}/t` },
    tenantSlug: "acme",
    apiVersion: "v1",
    mgmtToken: TOKEN,
    timeoutMs: 2_000,
    healthTimeoutMs: 3_000,
    maxBodyBytes: 64 * 1024,
    fetch: globalThis.fetch,
    ...over,
  };
}

async function rejection(p: Promise<unknown>): Promise<UpstreamError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(UpstreamError);
  return e as UpstreamError;
}

const json = (body: unknown, status = 200) => (_q: unknown, res: import("node:http").ServerResponse) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

describe("headers", () => {
  it("sends tenant, version, Accept and User-Agent everywhere, and the bearer token to the Management API only", async () => {
    server = await startTestServer(json({ ok: true }));
    const client = createPlatformClient(configFor(server.url));
    for (const s of ["mgmt", "admin", "reseller", "tenant"] as const) await client.probe(s, "/api/health");
    const byPrefix = Object.fromEntries(server.seen.map((r) => [r.url.split("/")[1], r.headers]));
    for (const p of ["m", "a", "r", "t"]) {
      expect(byPrefix[p]?.["x-tenant-id"]).toBe("acme");
      expect(byPrefix[p]?.["x-api-version"]).toBe("v1");
      expect(byPrefix[p]?.accept).toBe("application/json");
      expect(byPrefix[p]?.["user-agent"]).toBe("dotmac-oncall-console");
    }
    expect(byPrefix.m?.authorization).toBe(`Bearer ${TOKEN}`);
    for (const p of ["a", "r", "t"]) expect(byPrefix[p]?.authorization).toBeUndefined();
  });

  it("omits tenant and version with platformHeaders:false and never lets a caller set cookies or credentials", async () => {
    server = await startTestServer(json({ ok: true }));
    const client = createPlatformClient(configFor(server.url));
    await client.probe("admin", "/api/health/client-check", {
      platformHeaders: false,
      headers: { Cookie: "session=browser", Authorization: "Bearer browser", "X-Requested-With": "XMLHttpRequest" },
    });
    const h = server.seen[0]?.headers;
    expect(h?.["x-tenant-id"]).toBeUndefined();
    expect(h?.["x-api-version"]).toBeUndefined();
    expect(h?.cookie).toBeUndefined();
    expect(h?.authorization).toBeUndefined();
    expect(h?.["x-requested-with"]).toBe("XMLHttpRequest");
  });

  it("refuses header injection and a body on GET before sending anything", async () => {
    server = await startTestServer(json({}));
    const client = createPlatformClient(configFor(server.url));
    const bad = [
      client.probe("admin", "/x", { headers: { "X-Trace": "a\r\nX-Evil: 1" } }),
      client.probe("admin", "/x", { headers: { "X Bad": "1" } }),
      client.probe("admin", "/x", { headers: { "X-Name": "café" } }),
      client.probe("admin", "/x", { body: "{}" }),
    ];
    for (const p of bad) expect((await rejection(p)).kind).toBe("invalid_input");
    expect(server.seen).toHaveLength(0);
  });

  it("never echoes the token: a platform that reflects it gets it redacted from body, excerpt and message", async () => {
    server = await startTestServer((req, res) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(`boom, you sent ${req.headers.authorization}`);
    });
    const e = await rejection(createPlatformClient(configFor(server.url)).getJson("mgmt", "/x", z.unknown()));
    expect(e.kind).toBe("http_status");
    expect(JSON.stringify({ m: e.message, x: e.excerpt, b: e.observation?.bodyText })).not.toContain(TOKEN);
    expect(e.message).toContain("(redacted)");
  });
});

describe("redirects", () => {
  it("reports a 307 with its Location and does not follow it", async () => {
    server = await startTestServer((req, res) => {
      if (req.url === "/m/health") res.writeHead(307, { location: "/health/" }).end();
      else json({ status: "healthy" })(req, res);
    });
    const client = createPlatformClient(configFor(server.url));
    const obs = await client.probe("mgmt", "/health");
    expect(obs.status).toBe(307);
    expect(obs.location).toBe("/health/");
    const e = await rejection(client.getJson("mgmt", "/health", z.unknown()));
    expect(e.kind).toBe("redirect");
    expect(e.message).toBe("Management API redirected (307) to /health/");
    expect(server.seen.map((r) => r.url)).toEqual(["/m/health", "/m/health"]);
  });
});

describe("timeouts", () => {
  it("gives up on a platform that never answers, within the configured time", async () => {
    server = await startTestServer(() => undefined);
    const client = createPlatformClient(configFor(server.url, { timeoutMs: 200 }));
    const t0 = Date.now();
    const e = await rejection(client.getJson("mgmt", "/api/v1/bgops/idempotency", z.unknown()));
    expect(e.kind).toBe("timeout");
    expect(e.message).toBe("Management API did not answer within 200 ms");
    expect(Date.now() - t0).toBeLessThan(1_500);
  });

  it("gives health paths at least healthTimeoutMs, because the legacy handler blocks about a second", async () => {
    server = await startTestServer((req, res) => setTimeout(() => json({ status: "healthy" })(req, res), 400));
    const client = createPlatformClient(configFor(server.url, { timeoutMs: 150, healthTimeoutMs: 1_500 }));
    expect((await client.probe("mgmt", "/health/")).status).toBe(200);
    expect((await client.probe("admin", "/api/health")).status).toBe(200);
    expect((await rejection(client.probe("mgmt", "/api/v1/bgops/idempotency"))).kind).toBe("timeout");
  });

  it("says when headers came but the body stalled", async () => {
    server = await startTestServer((_q, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"items":[');
    });
    const e = await rejection(createPlatformClient(configFor(server.url, { timeoutMs: 250 })).probe("mgmt", "/x"));
    expect(e.kind).toBe("timeout");
    expect(e.message).toBe("Management API sent headers but the body did not finish within 250 ms");
  });
});

describe("body size cap", () => {
  it("cuts an oversized body: probe marks it truncated, getJson refuses it as too_large", async () => {
    server = await startTestServer((_q, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ items: "x".repeat(200_000) }));
    });
    const client = createPlatformClient(configFor(server.url, { maxBodyBytes: 4_096 }));
    const obs = await client.probe("mgmt", "/big");
    expect(obs.truncated).toBe(true);
    expect(obs.bodyText.length).toBe(4_096);
    const e = await rejection(client.getJson("mgmt", "/big", z.unknown()));
    expect(e.kind).toBe("too_large");
    expect(e.message).toContain("larger than 4 KiB");
  });
});

describe("answers that are not usable JSON", () => {
  it("reports a text/plain 500 as http_status with content type and excerpt", async () => {
    server = await startTestServer((_q, res) => res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("Internal Server Error"));
    const e = await rejection(createPlatformClient(configFor(server.url)).getJson("mgmt", bgopsPaths.idempotencyList(1), z.unknown()));
    expect(e.kind).toBe("http_status");
    expect(e.status).toBe(500);
    expect(e.message).toBe("Management API answered 500 text/plain: Internal Server Error");
    expect(e.excerpt).toBe("Internal Server Error");
  });

  it("keeps excerpts short and printable", async () => {
    server = await startTestServer((_q, res) => res.writeHead(502, { "content-type": "text/html" }).end(`<h1>\u0000bad\u001b[31m gateway\n</h1>${"y".repeat(2_000)}`));
    const e = await rejection(createPlatformClient(configFor(server.url)).getJson("admin", "/api/health", z.unknown()));
    expect(e.excerpt?.length).toBeLessThanOrEqual(300);
    expect(e.excerpt).toMatch(/^<h1> bad \[31m gateway <\/h1>y+…$/);
  });

  it("reports a 200 HTML page as not_json, and still parses JSON sent without a JSON content type", async () => {
    server = await startTestServer((req, res) => {
      if (req.url === "/t/html") res.writeHead(200, { "content-type": "text/html" }).end("<html>login</html>");
      else if (req.url === "/t/broken") res.writeHead(200, { "content-type": "application/json" }).end('{"a":');
      else res.writeHead(200, { "content-type": "text/plain" }).end('{"a":1}');
    });
    const client = createPlatformClient(configFor(server.url));
    const html = await rejection(client.getJson("tenant", "/html", z.unknown()));
    expect(html.kind).toBe("not_json");
    expect(html.message).toBe("Tenant portal answered 200 text/html that is not JSON: <html>login</html>");
    expect((await rejection(client.getJson("tenant", "/broken", z.unknown()))).kind).toBe("not_json");
    expect((await client.getJson("tenant", "/lenient", z.object({ a: z.number() }))).data).toEqual({ a: 1 });
  });

  it("reports JSON of the wrong shape with the paths of the first issues", async () => {
    server = await startTestServer(json({ source: 7, items: [{ key: 1 }] }));
    const schema = z.object({ source: z.string(), items: z.array(z.object({ key: z.string() })) });
    const e = await rejection(createPlatformClient(configFor(server.url)).getJson("mgmt", "/x", schema));
    expect(e.kind).toBe("shape_mismatch");
    expect(e.zodIssues?.map((i) => i.split(":")[0])).toEqual(["source", "items.0.key"]);
    expect(e.message).toMatch(/^Management API answered JSON of an unexpected shape: source: .*; items\.0\.key: /);
  });
});

describe("network failures", () => {
  it("names the cause when nothing listens", async () => {
    const port = await closedPort();
    const client = createPlatformClient(configFor(`http://127.0.0.1:${port}`));
    const e = await rejection(client.getJson("mgmt", "/health", z.unknown()));
    expect(e.kind).toBe("unreachable");
    expect(e.message).toBe(`Management API is unreachable at 127.0.0.1:${port} (ECONNREFUSED)`);
  });

  it("reports a connection dropped before any answer as unreachable", async () => {
    server = await startTestServer((req) => req.socket.destroy());
    const e = await rejection(createPlatformClient(configFor(server.url)).probe("reseller", "/api/health", { method: "POST" }));
    expect(e.kind).toBe("unreachable");
    expect(e.message).toMatch(/^Reseller portal is unreachable at 127\.0\.0\.1:\d+ \(.+\)$/);
  });
});

describe("URLs", () => {
  it("keeps a base path prefix and percent-encodes each segment once", async () => {
    server = await startTestServer(json({ source: "redis", items: [] }));
    const client = createPlatformClient(configFor(server.url, { baseUrls: { ...configFor(server.url).baseUrls, mgmt: `${server.url}/api-gw/` } }));
    await client.getJson("mgmt", bgopsPaths.sagaHistory("3f0c-aa_1"), z.unknown());
    await client.getJson("mgmt", bgopsPaths.idempotencyKey("POST:tenants.v1"), z.unknown());
    expect(server.seen.map((r) => r.url)).toEqual([
      "/api-gw/api/v1/bgops/sagas/3f0c-aa_1/history",
      "/api-gw/api/v1/bgops/idempotency/POST%3Atenants.v1",
    ]);
  });

  it("refuses paths that would leave the base before sending anything", async () => {
    server = await startTestServer(json({}));
    const client = createPlatformClient(configFor(server.url));
    for (const p of ["/../admin", "/%2e%2e/x", "/a\\..\\b", "//evil.example/x", "x", "/a#b"]) {
      expect((await rejection(client.probe("mgmt", p))).kind).toBe("invalid_input");
    }
    expect(server.seen).toHaveLength(0);
  });
});

describe("hook", () => {
  it("reports each call once with its outcome, and not refused input", async () => {
    server = await startTestServer((req, res) => (req.url === "/m/ok" ? json({})(req, res) : res.writeHead(500).end("no")));
    const reports: UpstreamRequestReport[] = [];
    const client = createPlatformClient(configFor(server.url), { onRequest: (r) => reports.push(r) });
    await client.getJson("mgmt", "/ok", z.object({}));
    await rejection(client.getJson("mgmt", "/bad", z.object({})));
    await rejection(client.probe("mgmt", "/../x"));
    expect(reports.map(({ surface, status, kind, attempts }) => ({ surface, status, kind, attempts }))).toEqual([
      { surface: "mgmt", status: 200, kind: undefined, attempts: 1 },
      { surface: "mgmt", status: 500, kind: "http_status", attempts: 1 },
    ]);
    expect(reports.every((r) => r.durationMs >= 0)).toBe(true);
  });
});
