import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiSource } from "@/lib/bgops/api-source";
import { createRedisSource } from "@/lib/bgops/redis-source";
import { createBgopsService } from "@/lib/bgops/service";
import { toApiError } from "@/lib/http/map-error";
import { runSmoke } from "@/lib/smoke/run";
import { openStore, type Store } from "@/lib/store";
import { createPlatformClient } from "@/lib/upstream/client";
import { sagaResponseSchema } from "@/lib/upstream/schemas/bgops";
import { startTestServer, type TestServer } from "@/lib/upstream/test-http-server";
import type { PlatformClient, Surface } from "@/lib/upstream/types";

// A platform that echoes the console's bearer token everywhere it can: Location, headers, bodies, error texts.
const TOKEN = "hostile-echo-TOKEN-4b1d9e";
const REDIS_PASSWORD = "redis-pass-77c0ffee";

let upstream: TestServer;
let redisServer: Server;
let redisPort: number;
const redisSockets = new Set<Socket>();
let dir: string;
let store: Store;
let client: PlatformClient;
const logged: string[] = [];

beforeAll(async () => {
  upstream = await startTestServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const echo = { "X-Echo": TOKEN, "WWW-Authenticate": `Bearer realm="${TOKEN}"`, "Set-Cookie": `s=${TOKEN}` };
    if (path.includes("/bgops/sagas/")) {
      res.writeHead(302, { ...echo, Location: `http://evil.example/steal?token=${TOKEN}` }).end(`redirecting ${TOKEN}`);
    } else if (path.includes("/bgops/idempotency")) {
      res.writeHead(500, { ...echo, "Content-Type": "text/plain" }).end(`invalid credentials: Bearer ${TOKEN} (${TOKEN})`);
    } else if (path.startsWith("/health/ready")) {
      res.writeHead(307, { ...echo, Location: `/health/?token=${TOKEN}` }).end();
    } else if (path.startsWith("/v1/sys/health")) {
      res.writeHead(418, { ...echo, "Content-Type": "text/plain" }).end(`vault says ${TOKEN}`);
    } else {
      res.writeHead(503, { ...echo, "Content-Type": "application/json" }).end(JSON.stringify({ detail: `token ${TOKEN} rejected`, echo: TOKEN }));
    }
  });
  // A "Redis" whose every reply is an error quoting the secrets it was sent.
  redisServer = createServer((s) => {
    redisSockets.add(s);
    s.on("close", () => redisSockets.delete(s));
    s.on("data", () => s.write(`-ERR refused ${TOKEN} and ${REDIS_PASSWORD}\r\n`));
  });
  await new Promise<void>((r) => redisServer.listen(0, "127.0.0.1", r));
  redisPort = (redisServer.address() as AddressInfo).port;
  dir = mkdtempSync(join(tmpdir(), "hostile-"));
  store = await openStore({ dataDir: dir });
  client = createPlatformClient({
    baseUrls: Object.fromEntries((["mgmt", "admin", "reseller", "tenant"] as Surface[]).map((s) => [s, upstream.url])) as Record<Surface, string>,
    tenantSlug: "acme",
    apiVersion: "v1",
    mgmtToken: TOKEN,
    redactSecrets: [REDIS_PASSWORD],
    timeoutMs: 2000,
    healthTimeoutMs: 2000,
    maxBodyBytes: 1024 * 1024,
    fetch: globalThis.fetch,
  });
  for (const level of ["log", "warn", "error", "info"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
  }
});

afterAll(async () => {
  vi.restoreAllMocks();
  await store?.close();
  for (const s of redisSockets) s.destroy();
  await new Promise<void>((r) => redisServer.close(() => r()));
  await upstream.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a platform that echoes the token", () => {
  it("really does echo it: the raw answers carry the token", async () => {
    const raw = await fetch(`${upstream.url}/api/v1/bgops/sagas/x`, { redirect: "manual" });
    expect(raw.headers.get("location")).toContain(TOKEN);
    expect(await raw.text()).toContain(TOKEN);
  });

  it("the client's observation and errors never carry it (Location, headers, body, message)", async () => {
    const obs = await client.probe("mgmt", "/api/v1/bgops/sagas/saga-1");
    expect(obs.location).toBe("http://evil.example/steal?token=(redacted)");
    expect(JSON.stringify(obs)).not.toContain(TOKEN);
    const err = await client.getJson("mgmt", "/api/v1/bgops/sagas/saga-1", sagaResponseSchema).catch((e: unknown) => e);
    const envelope = toApiError(err);
    expect(envelope.message).toContain("evil.example/steal?token=(redacted)");
    expect(JSON.stringify({ message: envelope.message, details: envelope.details })).not.toContain(TOKEN);
    expect(String((err as Error).stack)).not.toContain(TOKEN);
  });

  it("bgops answers and failures (API and Redis fallback) never carry it", async () => {
    const redis = new Redis(`redis://:${REDIS_PASSWORD}@127.0.0.1:${redisPort}/0`, {
      lazyConnect: true,
      enableReadyCheck: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    redis.on("error", () => undefined);
    try {
      const svc = createBgopsService({ api: createApiSource(client), redis: createRedisSource(redis, { timeoutMs: 1500, redact: client.redact }) });
      const failures: unknown[] = [];
      for (const call of [() => svc.getSaga("saga-1"), () => svc.getIdempotency("idem-1"), () => svc.getSaga("saga-1", { via: "redis" }), () => svc.listIdempotency(5)]) {
        failures.push(await call().then((ok) => ok, (e: unknown) => e));
      }
      expect(failures.length).toBe(4);
      for (const f of failures) {
        const e = f as { message?: string; signature?: unknown; fallbackError?: string };
        const shown = JSON.stringify({ message: e.message, signature: e.signature, fallbackError: e.fallbackError, value: f });
        expect(shown).not.toContain(TOKEN);
        expect(shown).not.toContain(REDIS_PASSWORD);
      }
      // The Redis error reply reached the message, redacted: the test exercised the path it claims to.
      expect(failures.map((f) => (f as Error).message).join("\n")).toMatch(/refused \(redacted\) and \(redacted\)/);
    } finally {
      redis.disconnect();
    }
  });

  it("smoke results, saved and read back, never carry it", async () => {
    const report = await runSmoke(client, { includeIsolation: true, vault: { addr: upstream.url, fetch: globalThis.fetch } });
    const saved = await store.smokeRuns.save({
      startedAt: report.startedAt,
      finishedAt: report.finishedAt,
      actor: "test",
      platform: "hostile",
      summary: { ok: report.summary.pass, warn: report.summary.warn, fail: report.summary.fail, error: report.summary.error },
      results: report.results as unknown as Record<string, unknown>[],
    });
    const back = JSON.stringify(await store.smokeRuns.get(saved.id));
    expect(back).toContain("(redacted)");
    expect(back).not.toContain(TOKEN);
    expect(JSON.stringify(report)).not.toContain(TOKEN);
  });

  it("nothing logged carries it", () => {
    expect(logged.filter((l) => l.includes(TOKEN) || l.includes(REDIS_PASSWORD))).toEqual([]);
  });
});
