import { readFileSync, readdirSync, readlinkSync } from "node:fs";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { hostname } from "node:os";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E, storageStateFor, type DemoRole } from "../env";

const ORIGIN = { Origin: E2E.baseURL };
const MB = 1024 * 1024;

async function as(playwright: { request: { newContext(o: object): Promise<APIRequestContext> } }, role: DemoRole) {
  return playwright.request.newContext({ baseURL: E2E.baseURL, storageState: storageStateFor(role), extraHTTPHeaders: ORIGIN });
}

function cookieHeader(role: DemoRole): string {
  const state = JSON.parse(readFileSync(storageStateFor(role), "utf8")) as { cookies: { name: string; value: string }[] };
  return state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

interface RawAnswer {
  /** 0 when the server cut the connection instead (a refused upload may be reset before its answer is read). */
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Bytes the client had written when the answer (or the cut) came. */
  sentBeforeAnswer: number;
  ms: number;
}

/**
 * A raw upload of `total` bytes. Declared: only the headers go out (Content-Length: total), the refusal must
 * come without a byte of body. Chunked: written as fast as the socket takes it until the server answers or
 * cuts the connection; either way the test sees how much had been sent by then.
 */
function upload(path: string, opts: { headers?: Record<string, string>; total: number; declare: boolean; chunk?: number }): Promise<RawAnswer> {
  const started = Date.now();
  const url = new URL(path, E2E.baseURL);
  const chunk = Buffer.alloc(opts.chunk ?? 64 * 1024, 0x61);
  return new Promise((resolve) => {
    let sent = 0;
    let done = false;
    const finish = (a: Omit<RawAnswer, "ms">) => {
      if (done) return;
      done = true;
      resolve({ ...a, ms: Date.now() - started });
    };
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.declare) headers["Content-Length"] = String(opts.total);
    else headers["Transfer-Encoding"] = "chunked";
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: "POST", headers }, (res) => {
      const sentBeforeAnswer = sent;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => {
        req.destroy();
        finish({ status: res.statusCode ?? 0, headers: res.headers, body, sentBeforeAnswer });
      });
    });
    req.on("error", () => setTimeout(() => finish({ status: 0, headers: {}, body: "", sentBeforeAnswer: sent }), 200));
    if (opts.declare) return void req.flushHeaders();
    const pump = () => {
      while (!done && sent < opts.total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}

/** A refused upload: a 413 envelope, or (chunked, mid-upload) a cut connection; quick and early either way. */
function expectRefused(a: RawAnswer, what: string) {
  if (a.status !== 0) {
    expect(a.status, what).toBe(413);
    expect(JSON.parse(a.body).error.code, what).toBe("payload_too_large");
  }
  expect(a.ms, `${what}: answered quickly`).toBeLessThan(5_000);
  // The server stopped reading long before 100 MB.
  expect(a.sentBeforeAnswer, what).toBeLessThan(40 * MB);
}

/** A plain GET with full control of Host and other headers Playwright would set itself. */
function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  const url = new URL(path, E2E.baseURL);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method: "GET", headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Resident memory of the console server (the process listening on the e2e port), from /proc. */
function consoleRssBytes(): number {
  const portHex = E2E.port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[1]?.endsWith(`:${portHex}`) && f[3] === "0A") inodes.add(f[9]!);
    }
  }
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let link = "";
      try {
        link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
      if (inode && inodes.has(inode)) {
        const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
        return Number(rss) * 1024;
      }
    }
  }
  throw new Error(`no process found listening on port ${E2E.port}`);
}

test.describe("bounded input", () => {
  test("a 100 MB sign-in body is refused with 413 before it is read, declared or chunked", async () => {
    const rssBefore = consoleRssBytes();
    const form = { "Content-Type": "application/x-www-form-urlencoded" };
    const answers = await Promise.all([
      upload("/api/auth/callback/credentials", { headers: form, total: 100 * MB, declare: true }),
      upload("/api/auth/callback/credentials", { headers: form, total: 100 * MB, declare: false }),
      upload("/api/auth/callback/credentials", { headers: form, total: 100 * MB, declare: false }),
      upload("/api/auth/signin/credentials", { headers: form, total: 100 * MB, declare: false }),
    ]);
    answers.forEach((a, i) => expectRefused(a, `upload ${i}`));
    // The declared one is refused before any body is sent, so its 413 always arrives whole.
    expect(answers[0]!.status).toBe(413);
    // Four parallel 100 MB bodies read whole cost hundreds of MB; refused ones cost next to nothing.
    expect(consoleRssBytes() - rssBefore).toBeLessThan(60 * MB);
  });

  test("a 100 MB evidence post is refused with 413, declared or chunked, and nothing is stored", async ({ playwright }) => {
    const responder = await as(playwright, "responder");
    const opened = await responder.post("/api/incidents", { data: { title: `limits ${Date.now()}`, severity: "sev4" } });
    const id = (await opened.json()).incident.id as string;
    const eventsBefore = (await (await responder.get(`/api/incidents/${id}`)).json()).events.length as number;
    const headers = { "Content-Type": "application/json", Origin: E2E.baseURL, Cookie: cookieHeader("responder") };
    for (const declare of [true, false]) {
      const a = await upload(`/api/incidents/${id}/evidence`, { headers, total: 100 * MB, declare });
      expectRefused(a, `declared: ${declare}`);
      if (declare) expect(a.status).toBe(413);
    }
    const eventsAfter = (await (await responder.get(`/api/incidents/${id}`)).json()).events.length as number;
    expect(eventsAfter).toBe(eventsBefore);
    // A body within the limit still works.
    const ok = await responder.post(`/api/incidents/${id}/evidence`, { data: { kind: "health", title: "fits", payload: { a: "x".repeat(500_000) } } });
    expect(ok.status()).toBe(200);
  });
});

test.describe("origins and redirects", () => {
  test("a page visit without a session is sent to sign-in on the console's own host, whatever Host says", async () => {
    const variants: Record<string, string>[] = [{ Host: "evil.example" }, { Host: "evil.example", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example" }];
    for (const headers of variants) {
      const res = await rawGet("/runbook", headers);
      expect(res.status).toBe(307);
      const location = String(res.headers.location);
      expect(location).not.toContain("evil.example");
      expect(new URL(location, E2E.baseURL).href).toBe(`${E2E.baseURL}/login?callbackUrl=%2Frunbook`);
    }
  });

  test("a write whose Origin is not the console's is refused even when Host, X-Forwarded-Host and Sec-Fetch-Site agree with it", async ({ playwright }) => {
    const responder = await as(playwright, "responder");
    const id = (await (await responder.post("/api/incidents", { data: { title: `origin ${Date.now()}`, severity: "sev4" } })).json()).incident.id as string;
    const res = await responder.post(`/api/incidents/${id}/notes`, {
      headers: { Origin: "http://evil.example", "X-Forwarded-Host": "evil.example", "Sec-Fetch-Site": "same-origin" },
      data: { text: "from elsewhere" },
    });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe("cross_site");
    const events = (await (await responder.get(`/api/incidents/${id}`)).json()).events as { kind: string }[];
    expect(events.filter((e) => e.kind === "note")).toEqual([]);
  });

  test("sign out everywhere requires JSON like every other write", async ({ playwright }) => {
    const ctx = await playwright.request.newContext({ baseURL: E2E.baseURL, storageState: { cookies: [], origins: [] } });
    try {
      const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
      const signIn = await ctx.post("/api/auth/callback/credentials", {
        form: { csrfToken, username: "e2e-everywhere", password: "e2e-everywhere-password", json: "true" },
      });
      expect(signIn.status()).toBe(200);
      expect((await ctx.get("/api/incidents")).status()).toBe(200);
      const refused = await ctx.post("/api/session/revoke-all", { headers: { ...ORIGIN, "Content-Type": "text/plain" }, data: "{}" });
      expect(refused.status()).toBe(400);
      expect((await refused.json()).error.code).toBe("invalid_input");
      // Nothing was revoked: the session still reads.
      expect((await ctx.get("/api/incidents")).status()).toBe(200);
    } finally {
      await ctx.dispose();
    }
  });

  test("a malformed Next-Router-State-Tree is a 400, not a 500", async () => {
    for (const state of ["not-json", "%7B", encodeURIComponent(JSON.stringify({ a: 1 }))]) {
      const res = await rawGet("/runbook", { RSC: "1", "Next-Router-State-Tree": state, Cookie: cookieHeader("viewer") });
      expect(res.status, state).toBe(400);
      expect(JSON.parse(res.body).error.code).toBe("invalid_input");
    }
  });
});

test.describe("what viewers see and what is recorded", () => {
  test("/api/slo shows a viewer no server path, host name or process id; an admin still gets them", async ({ playwright }) => {
    const viewer = await as(playwright, "viewer");
    const admin = await as(playwright, "admin");
    const forViewer = await (await viewer.get("/api/slo?window=1h")).text();
    const forAdmin = await (await admin.get("/api/slo?window=1h")).text();
    // The console runs from this checkout: its absolute path is what a viewer must not learn.
    expect(forAdmin).toContain(process.cwd());
    expect(forViewer).not.toContain(process.cwd());
    expect(forViewer).not.toContain(`${hostname()}:`);
    expect(JSON.parse(forViewer).slos.length).toBe(JSON.parse(forAdmin).slos.length);
  });

  test("an id is decoded once: /sagas/%252e%252e%252f is the saga named %2e%2e%2f", async ({ playwright }) => {
    const viewer = await as(playwright, "viewer");
    const html = await (await viewer.get("/sagas/%252e%252e%252f")).text();
    expect(html).toContain("Saga %2e%2e%2f");
    expect(html).not.toContain("Saga ../");
    const key = await (await viewer.get("/idempotency/a%2520b")).text();
    expect(key).toContain("Key a%20b");
  });

  test("?via=redis without REDIS_URL is 501 not_configured", async ({ playwright }) => {
    const viewer = await as(playwright, "viewer");
    for (const url of ["/api/bgops/sagas/saga-1?via=redis", "/api/bgops/idempotency/idem-1?via=redis"]) {
      const res = await viewer.get(url);
      expect(res.status(), url).toBe(501);
      expect((await res.json()).error.code).toBe("not_configured");
    }
  });

  test("the audit trail records refusals (403) and notes", async ({ playwright }) => {
    const responder = await as(playwright, "responder");
    const viewer = await as(playwright, "viewer");
    const admin = await as(playwright, "admin");
    const id = (await (await responder.post("/api/incidents", { data: { title: `audit ${Date.now()}`, severity: "sev4" } })).json()).incident.id as string;
    expect((await viewer.post(`/api/incidents/${id}/notes`, { data: { text: "not allowed" } })).status()).toBe(403);
    expect((await responder.post(`/api/incidents/${id}/notes`, { data: { text: "a note" } })).status()).toBe(200);
    const refused = (await (await admin.get("/api/audit?action=access.refused&actor=demo:viewer")).json()).rows as { target: string; outcome: string }[];
    expect(refused.some((e) => e.target === `/api/incidents/${id}/notes` && e.outcome === "denied")).toBe(true);
    const notes = (await (await admin.get("/api/audit?action=incident.note")).json()).rows as { target: string; actor: string }[];
    expect(notes.some((e) => e.target === id && e.actor === "demo:responder")).toBe(true);
  });
});
