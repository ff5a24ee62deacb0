import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Browser } from "@playwright/test";
import { Redis } from "ioredis";
import { startRedis, type ThrowawayRedis } from "../../lib/testing/redis";
import { startSimulator, type RunningSim } from "../../sim/server";
import { platformEnv, startReplica, type Replica } from "./cluster";
import { signInDemo } from "../sign-in";

// A console that reads the platform's Redis directly (REDIS_URL), beside a simulator whose bgops data lives in
// that same real Redis. The keys below are written the way the platform's middleware writes them: a HASH with a
// TTL and a member in the bgops:idempo:index ZSET scored by creation time. Redis itself drops the HASH at its TTL.
const signIn = (browser: Browser) => signInDemo(browser, console_.url, "viewer");

test.describe.configure({ mode: "serial" });
test.setTimeout(90_000);

let redis: ThrowawayRedis;
let client: Redis;
let sim: RunningSim;
let console_: Replica;
let dataDir: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  redis = await startRedis();
  client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  sim = await startSimulator({ portBase: 0, redisUrl: redis.url, static: true });
  dataDir = mkdtempSync(join(tmpdir(), "console-idempotency-redis-"));
  console_ = await startReplica({
    ...platformEnv(sim.urls),
    REDIS_URL: redis.url,
    DATA_DIR: dataDir,
    CONSOLE_DEMO: "1",
    NEXTAUTH_SECRET: "idempo-redis-secret-idempo-redis-secret-00",
  });
});

test.afterAll(async () => {
  await console_?.stop();
  client?.disconnect();
  await sim?.close();
  await redis?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});


/** What the platform's idempotency middleware stores (CONTRACT §2.1): every value a string, µs ISO times. */
async function writeKey(key: string, createdMs: number, ttlMs: number) {
  const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "000+00:00");
  const hashKey = `bgops:idempo:${key}`;
  await client
    .multi()
    .hset(hashKey, {
      key,
      tenant_id: "acme",
      user_id: "usr_e2e",
      operation_type: "POST_/api/v1/tenants",
      created_at: iso(createdMs),
      expires_at: iso(createdMs + ttlMs),
      status: "completed",
      result: JSON.stringify({ tenant_id: "acme" }),
    })
    .pexpireat(hashKey, createdMs + ttlMs)
    .zadd("bgops:idempo:index", createdMs / 1000, key)
    .exec();
}

const pad = (n: number) => String(n).padStart(2, "0");

test("a key whose HASH Redis has expired, still in the index, is 'expired', read via Redis and via the API", async ({ browser }) => {
  const key = `e2e-expired-${Date.now()}`;
  // Created a little under 24 h ago with a TTL that ends 1.5–2.5 s from now: Redis, not the test, removes the record.
  // Whole seconds + 500 ms, so the index's float score cannot round the second shown.
  const createdMs = Math.floor((Date.now() - 86_400_000 + 2_000) / 1000) * 1000 + 500;
  await writeKey(key, createdMs, 86_400_000);
  await expect.poll(() => client.exists(`bgops:idempo:${key}`), { timeout: 10_000 }).toBe(0);
  expect(await client.zscore("bgops:idempo:index", key)).not.toBeNull();

  const page = await signIn(browser);
  await page.goto(`/idempotency/${key}?via=redis`);
  const created = new Date(createdMs).toISOString().slice(0, 19).replace("T", " ");
  await expect(page.getByTestId("bgops-expired")).toContainText(
    `Idempotency key ${key} expired (created ${created} UTC, 24 h TTL): it is still in bgops:idempo:index, but its record is gone.`,
  );
  await expect(page.getByTestId("bgops-expired")).toContainText("gone from the API and from Redis alike");
  // Not dressed up as a plain "not found", and no link bouncing to the other source.
  await expect(page.getByTestId("bgops-not-found")).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Look in .* instead/ })).toHaveCount(0);

  // The default path (the platform's API first, which answers 404 for expired and unknown alike) says the same:
  // the console asks Redis's index alongside, and does not offer a link that bounces between two 404s.
  await page.goto(`/idempotency/${key}`);
  await expect(page.getByTestId("bgops-expired")).toContainText(`Idempotency key ${key} expired (created ${created} UTC, 24 h TTL)`);
  await expect(page.getByTestId("bgops-not-found")).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Look in .* instead/ })).toHaveCount(0);

  // A key that never existed, read the same way, is only "not found".
  await page.goto(`/idempotency/e2e-never-${Date.now()}?via=redis`);
  await expect(page.getByTestId("bgops-not-found")).toBeVisible();
  await expect(page.getByTestId("bgops-expired")).toHaveCount(0);
  await page.context().close();
});

test("a live key read via Redis: 'expires at HH:MM UTC, in N h M min'", async ({ browser }) => {
  const key = `e2e-live-${Date.now()}`;
  // 2 h 17 min 30 s left when written: the minute shown stays "17" for the next 30 s.
  const expiresMs = Date.now() + (2 * 60 + 17) * 60_000 + 30_000;
  await writeKey(key, expiresMs - 86_400_000, 86_400_000);

  const page = await signIn(browser);
  await page.goto(`/idempotency/${key}?via=redis`);
  await expect(page.getByTestId("key-fields")).toContainText("completed");
  const at = new Date(expiresMs);
  const sameDay = at.toISOString().slice(0, 10) === new Date().toISOString().slice(0, 10);
  const when = `${sameDay ? "" : `${at.toISOString().slice(0, 10)} `}${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())} UTC`;
  await expect(page.getByTestId("ttl")).toHaveText(`expires at ${when}, in 2 h 17 min`);
  await page.context().close();
});
