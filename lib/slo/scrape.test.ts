import { describe, expect, it } from "vitest";
import { createMemorySampleStore } from "./memory-store";
import { createScraper } from "./scrape";

const CLIENT_TEXT = `# TYPE login_success_rate_total counter
login_success_rate_total{tenant_id="acme",service="mgmt",method="password"} 12.0
# TYPE login_success_rate_created gauge
login_success_rate_created{tenant_id="acme",service="mgmt",method="password"} 1.7255e+09
# TYPE login_success_rate_success_total counter
login_success_rate_success_total{tenant_id="acme",service="mgmt",method="password"} 11.0
this line is broken
`;

describe("createScraper", () => {
  it("turns a scrape into rows stamped with the scrape time, without _created series", async () => {
    const store = createMemorySampleStore({ retentionMs: 3_600_000 });
    let t = 1_000_000;
    const scraper = createScraper({ fetchMetrics: async () => CLIENT_TEXT, append: store.append, now: () => t });
    const r1 = await scraper.scrapeOnce();
    t += 15_000;
    await scraper.scrapeOnce();
    expect(r1.ok).toBe(true);
    expect(r1.samples).toBe(2);
    expect(r1.parseErrors).toEqual([{ line: 7, message: expect.stringMatching(/broken|unexpected|value/) }]);
    expect(r1.metricNames).toContain("login_success_rate_created");
    const rows = await store.readSamples({ names: ["login_success_rate_total", "login_success_rate_created"], from: 0, to: t });
    expect(rows.map((r) => [r.name, r.ts, r.value])).toEqual([
      ["login_success_rate_total", 1_000_000, 12],
      ["login_success_rate_total", 1_015_000, 12],
    ]);
    expect(rows[0]?.labels).toEqual({ tenant_id: "acme", service: "mgmt", method: "password" });
  });

  it("reports a failed fetch as a failed scrape without throwing", async () => {
    const scraper = createScraper({
      fetchMetrics: async () => {
        throw new Error("connect ECONNREFUSED 127.0.0.1:8001");
      },
      append: async () => {},
    });
    const r = await scraper.scrapeOnce();
    expect(r).toMatchObject({ ok: false, samples: 0, error: "connect ECONNREFUSED 127.0.0.1:8001" });
    expect(scraper.lastResult).toBe(r);
  });

  it("scrapes on its interval until stopped, never overlapping", async () => {
    let calls = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const scraper = createScraper({
      intervalMs: 20,
      fetchMetrics: async () => {
        calls++;
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await new Promise((r) => setTimeout(r, 50));
        concurrent--;
        return "up 1\n";
      },
      append: async () => {},
    });
    scraper.start();
    await new Promise((r) => setTimeout(r, 230));
    scraper.stop();
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(maxConcurrent).toBe(1);
    const after = calls;
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toBeLessThanOrEqual(after + 1);
  });
});

describe("createMemorySampleStore", () => {
  it("forgets samples older than the retention and drops out-of-order ones", async () => {
    const store = createMemorySampleStore({ retentionMs: 60_000 });
    const labels = { a: "1" };
    for (let i = 0; i <= 10; i++) await store.append([{ name: "c_total", labels, ts: i * 15_000, value: i }]);
    await store.append([{ name: "c_total", labels, ts: 100_000, value: 99 }]);
    const rows = await store.readSamples({ names: ["c_total"], from: 0, to: 1e9 });
    expect(rows.map((r) => r.ts)).toEqual([90_000, 105_000, 120_000, 135_000, 150_000]);
    expect(store.stats()).toMatchObject({ series: 1, samples: 5, droppedOutOfOrder: 1, newestTs: 150_000 });
  });

  it("returns only the asked names and range, and views stay valid after more appends", async () => {
    const store = createMemorySampleStore({ retentionMs: 1e9 });
    for (let i = 0; i < 100; i++) {
      await store.append([
        { name: "a_total", labels: {}, ts: i, value: i },
        { name: "b_total", labels: {}, ts: i, value: -i },
      ]);
    }
    const [view] = await store.readSeries({ names: ["a_total"], from: 10, to: 19 });
    expect(Array.from(view!.ts)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    for (let i = 100; i < 1000; i++) await store.append([{ name: "a_total", labels: {}, ts: i, value: i }]);
    expect(Array.from(view!.values)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(await store.hasAnyData({ from: 5000, to: 6000 })).toBe(false);
    expect(await store.hasAnyData({ from: 50, to: 60 })).toBe(true);
  });
});
