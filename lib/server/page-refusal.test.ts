/**
 * Page refusals in the audit trail, like route()'s: pageUser and preload against a real (SQLite) store. The
 * session lookup and the request headers are Next's request context, stood in for here; the audit is real.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { QueryClient } from "@tanstack/react-query";
import { afterAll, beforeAll, beforeEach, expect, test, vi } from "vitest";
import type { ConsoleUser } from "@/lib/auth/roles";
import { ApiError } from "@/lib/http/errors";
import { PAGE_PATH_HEADER } from "@/lib/http/page-path";

const request = vi.hoisted(() => ({ user: null as ConsoleUser | null, path: "/somewhere" as string | null }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(request.path === null ? {} : { [PAGE_PATH_HEADER]: request.path }) }));
vi.mock("@/lib/auth/access", async () => {
  const { hasRole } = await import("@/lib/auth/roles");
  return {
    checkAccess: async (role: "viewer" | "responder" | "admin") => {
      const user = request.user;
      if (!user) return { ok: false, status: 401, user: null };
      return hasRole(user.role, role) ? { ok: true, user } : { ok: false, status: 403, user };
    },
  };
});

let dir: string;
let page: typeof import("@/lib/server/page");
let storeMod: typeof import("@/lib/server/store");
const viewer: ConsoleUser = { id: "demo:viewer", name: "Vera Viewer", role: "viewer" };
const admin: ConsoleUser = { id: "demo:admin", name: "Ada Admin", role: "admin" };

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "page-refusal-"));
  Object.assign(process.env, {
    MGMT_API_URL: "http://127.0.0.1:9", ADMIN_BASE_URL: "http://127.0.0.1:9", RESELLER_BASE_URL: "http://127.0.0.1:9",
    TENANT_BASE_URL: "http://127.0.0.1:9", TENANT_SLUG: "acme", API_VERSION: "v1", DATA_DIR: path.join(dir, "data"),
    __NEXT_EXPERIMENTAL_AUTH_INTERRUPTS: "1",
  });
  page = await import("@/lib/server/page");
  storeMod = await import("@/lib/server/store");
});

afterAll(async () => {
  await (await storeMod?.getStore())?.close();
  rmSync(dir, { recursive: true, force: true });
  delete process.env.DATA_DIR;
  delete process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS;
});

beforeEach(async () => {
  const { processState } = await import("@/lib/server/process-state");
  processState.auditedRefusals?.clear();
});

const refusals = async () => (await (await storeMod.getStore()).audit.list({ action: "access.refused", limit: 100 })).rows;
const digestOf = async (p: Promise<unknown>) => {
  const err = await p.then(() => null, (e: unknown) => e as { digest?: string });
  return err?.digest ?? "no error";
};

test("a signed-in user refused a page is recorded once a minute per page: who, which page, why", async () => {
  request.user = viewer;
  request.path = "/audit";
  for (let i = 0; i < 5; i++) expect(await digestOf(page.pageUser("admin"))).toBe("NEXT_HTTP_ERROR_FALLBACK;403");
  request.path = "/incidents";
  expect(await digestOf(page.pageUser("responder"))).toBe("NEXT_HTTP_ERROR_FALLBACK;403");
  const rows = await refusals();
  expect(rows.map((r) => [r.actor, r.role, r.target, r.outcome, r.details])).toEqual([
    ["demo:viewer", "viewer", "/incidents", "denied", { method: "GET", why: "needs responder", page: true }],
    ["demo:viewer", "viewer", "/audit", "denied", { method: "GET", why: "needs admin", page: true }],
  ]);
});

test("someone not signed in is sent to sign in and not recorded, as route() does; an allowed user passes", async () => {
  request.user = null;
  request.path = "/audit";
  expect(await digestOf(page.pageUser("viewer"))).toMatch(/^NEXT_REDIRECT;replace;\/login;/);
  request.user = admin;
  await expect(page.pageUser("admin")).resolves.toEqual(admin);
  expect(await refusals()).toHaveLength(2); // the two of the test before
});

test("a data function refusing what the page allowed is recorded with its reason", async () => {
  request.user = viewer;
  request.path = "/incidents/x";
  const load = async () => {
    throw new ApiError("forbidden", "This needs the responder role; you are viewer.");
  };
  expect(await digestOf(page.preload(new QueryClient(), ["x"], load))).toBe("NEXT_HTTP_ERROR_FALLBACK;403");
  expect((await refusals())[0]).toMatchObject({ actor: "demo:viewer", target: "/incidents/x", details: { why: "This needs the responder role; you are viewer.", page: true } });
});
