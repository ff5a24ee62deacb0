import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { E2E } from "../env";
import { issuedSessionCookie, postAs, signInOverHttp, signOutOverHttp, withSession } from "../session-client";

// Users of their own (e2e/users.yaml): ending the shared demo users' sessions would sign out every other spec.
const ME = { username: "e2e-sessions", password: "e2e-everywhere-password" };
const OTHER = { username: "e2e-sessions-other", password: "e2e-everywhere-password" };
const base = E2E.baseURL;
test.use({ storageState: { cookies: [], origins: [] } });

async function signedIn(user = ME, headers: Record<string, string> = {}): Promise<string> {
  const { cookie, error } = await signInOverHttp(base, user.username, user.password, headers);
  expect(error).toBeNull();
  return cookie!;
}

const api = (cookie: string, path = "/api/smoke/runs") => fetch(`${base}${path}`, { headers: withSession(cookie) });
const nextAuthSession = (cookie: string) => fetch(`${base}/api/auth/session`, { headers: withSession(cookie) });

test("a copied cookie replayed to next-auth's session endpoint after 'sign out everywhere' gets no fresh cookie", async () => {
  const copied = await signedIn();
  expect((await api(copied)).status).toBe(200);
  // While active, next-auth's endpoint answers the session (and may refresh it).
  expect(await (await nextAuthSession(copied)).json()).toMatchObject({ user: { id: "e2e-sessions" } });

  expect((await postAs(base, copied, "/api/session/revoke-all", {})).status).toBe(200);

  const replay = await nextAuthSession(copied);
  expect(issuedSessionCookie(replay)).toBeNull();
  expect(await replay.json()).toEqual({});
  expect((await api(copied)).status).toBe(401);
  expect((await postAs(base, copied, "/api/incidents", { title: "from a revoked cookie", severity: "sev4" })).status).toBe(401);
});

test("plain sign-out ends the session for a copy of its cookie too", async () => {
  const cookie = await signedIn();
  const res = await signOutOverHttp(base, cookie);
  expect(res.status).toBeLessThan(400);
  expect((await api(cookie)).status).toBe(401);
  const replay = await nextAuthSession(cookie);
  expect(issuedSessionCookie(replay)).toBeNull();
  expect(await replay.json()).toEqual({});
});

test("signing in within the same second as 'sign out everywhere' gives a working session", async () => {
  for (let round = 0; round < 3; round++) {
    const old = await signedIn();
    expect((await postAs(base, old, "/api/session/revoke-all", {})).status).toBe(200);
    const fresh = await signedIn();
    expect((await api(fresh)).status, `round ${round}`).toBe(200);
    expect((await api(old)).status).toBe(401);
  }
});

test("a user sees their sessions (where, when) and ends one; others' sessions are not theirs to end", async () => {
  const ua = `e2e-laptop-${randomBytes(3).toString("hex")}`;
  const laptop = await signedIn(ME, { "User-Agent": ua, "X-Forwarded-For": "198.51.100.23" });
  const phone = await signedIn(ME, { "User-Agent": "e2e-phone" });
  const other = await signedIn(OTHER);

  const listed = (await (await api(phone, "/api/sessions")).json()) as { sessions: { id: string; userAgent: string; address: string; current: boolean; createdAt: string; lastSeenAt: string }[] };
  const mine = listed.sessions.find((s) => s.userAgent === ua);
  // The address is the socket's (no proxy is trusted here), not what the client claimed.
  expect(mine).toMatchObject({ address: "127.0.0.1", current: false });
  expect(Date.parse(mine!.createdAt)).toBeGreaterThan(Date.now() - 60_000);
  expect(listed.sessions.filter((s) => s.current)).toHaveLength(1);
  expect(listed.sessions.every((s) => !("userId" in s) || (s as { userId?: string }).userId === "e2e-sessions")).toBe(true);

  // A viewer may not end someone else's session, nor list everyone's.
  expect((await postAs(base, other, "/api/sessions/end", { id: mine!.id })).status).toBe(404);
  expect((await api(other, "/api/sessions?scope=all")).status).toBe(403);
  expect((await postAs(base, other, "/api/session/revoke-all", { userId: "e2e-sessions" })).status).toBe(403);
  expect((await api(laptop)).status).toBe(200);

  expect((await postAs(base, phone, "/api/sessions/end", { id: mine!.id })).status).toBe(200);
  expect((await api(laptop)).status).toBe(401);
  expect((await api(phone)).status).toBe(200);
  expect((await postAs(base, phone, "/api/sessions/end", "not an object")).status).toBe(422);
});

test("an admin sees everyone's sessions and ends any of them", async ({ playwright }) => {
  const victim = await signedIn(OTHER);
  const admin = await playwright.request.newContext({ baseURL: base, storageState: "e2e/.auth/admin.json" });
  try {
    const all = (await (await admin.get("/api/sessions?scope=all")).json()) as { sessions: { id: string; userId: string }[] };
    expect(all.sessions.some((s) => s.userId === "e2e-sessions-other")).toBe(true);
    const res = await admin.post("/api/session/revoke-all", { data: { userId: "e2e-sessions-other" }, headers: { Origin: base } });
    expect(res.status()).toBe(200);
    expect((await api(victim)).status).toBe(401);
    const audit = (await (await admin.get("/api/audit?action=auth.sign_out_everywhere&limit=1")).json()) as { rows: { actor: string; target: string }[] };
    expect(audit.rows[0]).toMatchObject({ actor: "demo:admin", target: "e2e-sessions-other" });
  } finally {
    await admin.dispose();
  }
});

test("a rotated X-Forwarded-For is not a new address: the sixth failure from this client is refused", async () => {
  const username = `e2e-xff-${randomBytes(4).toString("hex")}`;
  for (let i = 1; i <= 5; i++) {
    expect((await signInOverHttp(base, username, `guess-${i}`, { "X-Forwarded-For": `203.0.113.${i}` })).error).toBe("CredentialsSignin");
  }
  const sixth = await signInOverHttp(base, username, "guess-6", { "X-Forwarded-For": "203.0.113.99" });
  expect(sixth.error).toMatch(/Too many failed attempts; try again in \d+ s\./);
});
