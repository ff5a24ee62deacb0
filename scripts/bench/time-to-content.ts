/**
 * Time to content in headless Chromium, cold context, signed in: from navigation to the text an on-call
 * engineer came for (a saga's verdict, a key's status, the health matrix, the SLO cards), beside the time to
 * first paint of the same page. Run alone: `tsx scripts/bench/time-to-content.ts` (starts its own simulator
 * and console), or as a step of `npm run bench`.
 */
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "@playwright/test";
import { CHROMIUM_FLAGS, findChromium } from "../../e2e/browser";
import { startSimulator } from "../../sim/server";
import { ensureBuild, startConsole } from "./console-server";

export interface ContentTiming {
  page: string;
  what: string;
  firstPaintMs: number;
  contentMs: number;
  ratio: number;
}

const TARGETS = [
  { page: "/sagas/5f0c3a52-1e7b-4c4a-9d2e-6a1b7c000005", what: "failed-compensation saga verdict", selector: '[data-testid="saga-verdict"]' },
  { page: "/idempotency/demo-failed-0001", what: "key status", selector: '[data-testid="key-fields"]' },
  { page: "/", what: "overview health matrix", selector: 'section[aria-labelledby="health-summary"] table' },
  { page: "/slo", what: "SLO cards", selector: '[data-testid="slo-state"]' },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Median over `runs` cold contexts per page; the content time is read in the page (performance.now, visible element). */
export async function benchTimeToContent(opts: { baseURL: string; cookie: string; runs?: number }): Promise<ContentTiming[]> {
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_FLAGS });
  const [name, ...rest] = opts.cookie.split("=");
  const out: ContentTiming[] = [];
  try {
    for (const t of TARGETS) {
      const paints: number[] = [];
      const contents: number[] = [];
      for (let i = 0; i < (opts.runs ?? 5) + 1; i++) {
        const context = await browser.newContext({ baseURL: opts.baseURL });
        await context.addCookies([{ name: name!, value: rest.join("="), url: opts.baseURL }]);
        const page = await context.newPage();
        // A string, not a function: tsx's name helpers would not exist in the page.
        await page.addInitScript(`(() => {
          const selector = ${JSON.stringify(t.selector)};
          const seen = () => {
            const el = document.querySelector(selector);
            if (window.__contentAt === undefined && el && el.offsetParent !== null && (el.textContent || "").trim()) window.__contentAt = performance.now();
          };
          new MutationObserver(seen).observe(document, { childList: true, subtree: true, characterData: true });
          // Visibility can change without a mutation (a stylesheet arriving): look every frame as well.
          const frame = () => { seen(); if (window.__contentAt === undefined) requestAnimationFrame(frame); };
          requestAnimationFrame(frame);
        })();`);
        await page.goto(t.page, { waitUntil: "commit" });
        await page.waitForFunction(() => (window as unknown as { __contentAt?: number }).__contentAt !== undefined, undefined, { timeout: 30_000 }).catch(async (err: Error) => {
          throw new Error(`${t.what} (${t.page}) never showed ${t.selector}; state ${JSON.stringify(await page.evaluate((sel) => { const el = document.querySelector(sel) as HTMLElement | null; return { at: (window as unknown as { __contentAt?: number }).__contentAt, found: Boolean(el), op: el?.offsetParent?.tagName ?? null, text: (el?.textContent ?? "").slice(0, 40) }; }, t.selector))}`, { cause: err });
        });
        // Content can be in the DOM before Chromium records the first contentful paint: wait for the entry.
        await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0, undefined, { timeout: 10_000 });
        const m = await page.evaluate(() => ({
          content: (window as unknown as { __contentAt: number }).__contentAt,
          paint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
        }));
        await context.close();
        if (i === 0) continue; // the first visit warms the server (compiled routes, coalescer), not the browser
        paints.push(m.paint);
        contents.push(m.content);
      }
      const firstPaintMs = median(paints);
      const contentMs = median(contents);
      out.push({ page: t.page, what: t.what, firstPaintMs, contentMs, ratio: contentMs / firstPaintMs });
    }
  } finally {
    await browser.close();
  }
  return out;
}

export function printTimeToContent(rows: ContentTiming[]) {
  console.log("\n== Time to content, headless Chromium, cold context, signed in (target: ≤ 1.3 × first paint and ≤ 400 ms) ==");
  for (const r of rows) {
    console.log(`${r.what.padEnd(34)} content ${r.contentMs.toFixed(0).padStart(5)} ms  first paint ${r.firstPaintMs.toFixed(0).padStart(5)} ms  ×${r.ratio.toFixed(2)}`);
  }
}

async function main() {
  const root = resolve(import.meta.dirname, "..", "..");
  await ensureBuild(root);
  const dataDir = join(root, ".data", "bench-ttc");
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const sim = await startSimulator({ portBase: 0, static: true });
  const platform = { MGMT_API_URL: sim.urls.mgmt, ADMIN_BASE_URL: sim.urls.admin, RESELLER_BASE_URL: sim.urls.reseller, TENANT_BASE_URL: sim.urls.tenant, TENANT_SLUG: "acme", API_VERSION: "v1" };
  const server = await startConsole(root, platform, {}, dataDir);
  try {
    printTimeToContent(await benchTimeToContent({ baseURL: server.url, cookie: server.cookie, runs: Number(process.env.BENCH_RUNS ?? 5) }));
  } finally {
    await server.stop();
    await sim.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((err) => {
    console.error(`bench failed: ${(err as Error).stack ?? err}`);
    process.exit(1);
  });
}
