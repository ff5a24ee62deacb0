import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E, storageStateFor } from "../env";

// Strings only a signed-in page may carry: platform base URLs, the runbook's contacts and text, a saga's data.
const CANARIES = [
  E2E.sim.mgmt,
  E2E.sim.tenant,
  "Platform SRE (Slack: #ops-oncall)",
  "Tenant Isolation &amp; RLS",
  "Tenant Isolation & RLS",
  "Create DNS record",
  E2E.upstreamToken,
  // The alert-rules page's verdict on the platform's own rules (ALERT_RULE_FILES), in the first HTML since it is preloaded.
  "series is divided by itself",
];

const SAMPLE: Record<string, string> = {
  sagas: "5f0c3a52-1e7b-4c4a-9d2e-6a1b7c000005",
  idempotency: "demo-failed-0001",
  incidents: "0f8fad5b-d9cb-469f-a165-70867728950e",
};

function pageFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "api" ? [] : pageFiles(path);
    return name === "page.tsx" ? [path] : [];
  });
}

/** Every page under app/ (but the sign-in page) as a URL, with a real id where the segment is dynamic. */
function pages(): { url: string; segments: string[] }[] {
  return pageFiles("app")
    .map((file) => relative("app", file).replace(/\/?page\.tsx$/, ""))
    .filter((p) => p !== "login")
    .map((p) => {
      const parts = p.split("/").filter(Boolean);
      const segments = parts.map((seg, i) => (/^\[.+\]$/.test(seg) ? (SAMPLE[parts[i - 1] ?? ""] ?? "x") : seg));
      return { url: "/" + segments.filter((s) => !/^\(.+\)$/.test(s)).join("/"), segments };
    });
}

/** A router state tree saying the browser already shows another console page, so Next renders only this page's segment. */
function stateTreeFor(segments: string[]): string {
  const group = segments.find((s) => /^\(.+\)$/.test(s)) ?? "(console)";
  const other = segments.includes("health") ? "smoke" : "health";
  return encodeURIComponent(JSON.stringify(["", { children: [group, { children: [other, { children: ["__PAGE__", {}] }] }] }, null, null, true]));
}

const ALL = pages();

async function bodyOf(request: APIRequestContext, url: string, headers: Record<string, string>) {
  const res = await request.get(url, { headers, maxRedirects: 0 });
  return { status: res.status(), text: `${JSON.stringify(res.headers())}\n${await res.text()}` };
}

test("the page walk found the console's pages", () => {
  expect(ALL.map((p) => p.url)).toEqual(expect.arrayContaining(["/", "/runbook", "/sagas/" + SAMPLE.sagas, "/incidents/" + SAMPLE.incidents, "/slo", "/slo/alerts"]));
});

test("signed in, the canaries are there (so their absence below means something)", async ({ playwright }) => {
  const viewer = await playwright.request.newContext({ baseURL: E2E.baseURL, storageState: storageStateFor("viewer") });
  const runbook = await bodyOf(viewer, "/runbook", {});
  expect(runbook.text).toContain("Platform SRE (Slack: #ops-oncall)");
  expect(runbook.text).toContain(E2E.sim.mgmt);
  const saga = await bodyOf(viewer, `/sagas/${SAMPLE.sagas}`, {});
  expect(saga.text).toContain("Create DNS record");
  const rules = await bodyOf(viewer, "/slo/alerts", {});
  expect(rules.text).toContain("series is divided by itself");
  await viewer.dispose();
});

const MODES: Record<string, Record<string, string>> = {
  "no cookie": {},
  "a junk cookie": { Cookie: "console.session=x" },
  "RSC headers": { RSC: "1", "Next-Router-Prefetch": "0" },
  "RSC headers and a junk cookie": { RSC: "1", Cookie: "console.session=x" },
};

for (const page of ALL) {
  for (const [mode, headers] of Object.entries(MODES)) {
    test(`${page.url} with ${mode} carries no console data`, async ({ playwright }) => {
      const anonymous = await playwright.request.newContext({ baseURL: E2E.baseURL, storageState: { cookies: [], origins: [] } });
      const h = headers.RSC ? { ...headers, "Next-Router-State-Tree": stateTreeFor(page.segments) } : headers;
      const { status, text } = await bodyOf(anonymous, page.url, h);
      for (const canary of CANARIES) expect(text, `${page.url} (${mode}) answered ${status} with "${canary}"`).not.toContain(canary);
      expect(status, "never a server error").toBeLessThan(500);
      await anonymous.dispose();
    });
  }
}
