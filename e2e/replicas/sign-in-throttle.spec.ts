import { expect, test } from "@playwright/test";
import { startPostgres, type TestPostgres } from "../../lib/testing/postgres";
import { startSimulator, type RunningSim } from "../../sim/server";
import { signInOverHttp } from "../session-client";
import { platformEnv, startReplica, type Replica } from "./cluster";

// Two replicas behind one trusted proxy hop (TRUSTED_PROXIES=1), sharing a real PostgreSQL: X-Forwarded-For is
// the client address here, so a test can be many clients — attacker addresses and the real user's.
test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

let pg: TestPostgres;
let sim: RunningSim;
let a: Replica;
let b: Replica;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  pg = await startPostgres();
  sim = await startSimulator({ portBase: 0, static: true });
  const env = {
    ...platformEnv(sim.urls), DATABASE_URL: await pg.createDatabase(), CONSOLE_DEMO: "1",
    NEXTAUTH_SECRET: "throttle-secret-throttle-secret-throttle-0", TRUSTED_PROXIES: "1",
  };
  [a, b] = await Promise.all([startReplica(env), startReplica(env)]);
});

test.afterAll(async () => {
  await Promise.allSettled([a?.stop(), b?.stop()]);
  await sim?.close();
  await pg?.stop();
});

const from = (address: string) => ({ "X-Forwarded-For": address });

/** Sign-in attempts as fast as `concurrency` clients can make them; returns the error texts seen. */
async function flood(total: number, attempt: (i: number) => Promise<string | null>, concurrency = 12): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const error = (await attempt(next++)) ?? "signed in";
      const key = error.startsWith("Too many") ? "Too many" : error;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  }));
  return seen;
}

test("wrong passwords from rotating addresses cannot lock the real user out; they only slow the username down", async () => {
  // 30 attackers, one guess each, spread over both replicas.
  const guesses = await flood(30, async (i) => (await signInOverHttp(i % 2 ? a.url : b.url, "responder", `guess-${i}`, from(`10.1.0.${i + 1}`))).error);
  expect(guesses.get("CredentialsSignin")).toBe(30);

  // One persistent attacker address locks only itself (its sixth attempt is refused, on either replica).
  for (let i = 0; i < 5; i++) expect((await signInOverHttp(a.url, "responder", `again-${i}`, from("10.1.1.1"))).error).toBe("CredentialsSignin");
  expect((await signInOverHttp(b.url, "responder", "demo", from("10.1.1.1"))).error).toMatch(/^Too many failed attempts; try again in \d+ s\.$/);

  // The real user, from an address with no failures: the right password works, slowed down while under attack.
  const started = Date.now();
  const real = await signInOverHttp(b.url, "responder", "demo", from("192.0.2.50"));
  expect(real.error).toBeNull();
  expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
});

test("one address trying many usernames is refused after a bound, and its refusals are summarised", async () => {
  // 20 usernames × 5 guesses: 100 failures (and only 20 first-failure audit rows, well inside a minute's budget).
  const seen = await flood(130, async (i) => (await signInOverHttp(a.url, `spray-${Math.floor(i / 5)}`, "x", from("10.5.0.1"))).error, 1);
  expect(seen.get("CredentialsSignin")).toBe(100);
  expect(seen.get("Too many")).toBe(30);
  const admin = await signInOverHttp(a.url, "admin", "demo", from("192.0.2.61"));
  const res = await fetch(`${a.url}/api/audit?action=auth.sign_in&limit=500`, { headers: { Cookie: `console.session=${admin.cookie}` } });
  const rows = ((await res.json()) as { rows: { actor: string; ip: string | null; details: Record<string, unknown> }[] }).rows
    .filter((r) => r.ip === "10.5.0.1");
  expect(rows.length).toBeLessThanOrEqual(21);
  // The first refusal is written at once; the other 29 are counted into the next summary, not 29 more rows.
  expect(rows.filter((r) => r.actor === "(any username)")).toEqual([
    expect.objectContaining({ details: expect.objectContaining({ reason: "address_locked", refused: 1 }) }),
  ]);
  // Another address is not affected.
  expect((await signInOverHttp(a.url, "responder", "demo", from("10.5.0.2"))).error).toBeNull();
});

test("a flood of junk usernames cannot evict a lockout, and leaves a bounded audit trail", async () => {
  for (let i = 0; i < 5; i++) expect((await signInOverHttp(a.url, "viewer", `wrong-${i}`, from("10.2.0.1"))).error).toBe("CredentialsSignin");
  expect((await signInOverHttp(a.url, "viewer", "demo", from("10.2.0.1"))).error).toMatch(/^Too many/);

  const floodStarted = Date.now();
  const flooded = await flood(10_050, async (i) =>
    (await signInOverHttp(i % 2 ? a.url : b.url, `junk-${i}`, "x", from(`10.3.${Math.floor(i / 250)}.${i % 250}`))).error);
  expect(flooded.get("CredentialsSignin")).toBe(10_050);

  // Still locked for that pair, on both replicas; the right password from another address works.
  expect((await signInOverHttp(b.url, "viewer", "demo", from("10.2.0.1"))).error).toMatch(/^Too many/);
  expect((await signInOverHttp(a.url, "viewer", "demo", from("10.2.0.1"))).error).toMatch(/^Too many/);
  expect((await signInOverHttp(a.url, "viewer", "demo", from("10.2.0.2"))).error).toBeNull();

  // The audit trail: the username tried (no guessed role), and at most a minute's budget of rows per replica
  // (60 + one flood summary) for each minute the flood lasted — not one row per attempt.
  const minutes = Math.ceil((Date.now() - floodStarted) / 60_000) + 1;
  const bound = 2 * 61 * minutes + 40;
  const admin = await signInOverHttp(a.url, "admin", "demo", from("192.0.2.60"));
  const denied: { actor: string; role: string; details: Record<string, unknown> }[] = [];
  for (let before: number | null = null, first = true; (first || before !== null) && denied.length <= bound; first = false) {
    const res = await fetch(`${a.url}/api/audit?action=auth.sign_in&limit=500${before ? `&before=${before}` : ""}`, { headers: { Cookie: `console.session=${admin.cookie}` } });
    const page = (await res.json()) as { rows: { actor: string; role: string; outcome: string; details: Record<string, unknown> }[]; nextCursor: number | null };
    denied.push(...page.rows.filter((r) => r.outcome === "denied"));
    before = page.nextCursor;
  }
  expect(denied.length).toBeGreaterThan(0);
  expect(denied.length, `${minutes} minute(s) of flood`).toBeLessThanOrEqual(bound);
  expect(denied.every((r) => r.role === "anonymous")).toBe(true);
  expect(denied.find((r) => r.actor === "viewer")).toMatchObject({ details: { reason: "bad_credentials", attempts: 1 } });
});

