import { describe, expect, it } from "vitest";
import type { SampleRow } from "./index";
import { ENGINES, useEngine } from "./store-test-harness";

const STEP = 15_000;
/**
 * About 10× what the 2-core development machine measured under load for 100k samples (2026-12-06):
 * SQLite append 0.47–0.78 s, read 16–39 ms, prune 63–107 ms; PostgreSQL 1.4–2.1 s, 62–85 ms, 37–48 ms.
 */
const BOUND_MS = {
  sqlite: { append: 6_000, read: 400, prune: 1_000 },
  postgres: { append: 15_000, read: 800, prune: 500 },
};

describe.each(ENGINES)("metric samples on %s", (kind) => {
  const h = useEngine(kind);

  it("stores and reads back series by name and time range, sorted by time", async () => {
    const store = await h.store();
    await store.samples.append([
      { name: "http_requests_total", labels: { status: "500", route: "/a" }, ts: 2000, value: 3 },
      { name: "http_requests_total", labels: { route: "/a", status: "500" }, ts: 1000, value: 1 },
      { name: "http_requests_total", labels: { route: "/a", status: "200" }, ts: 1000, value: 10 },
      { name: "login_total", labels: {}, ts: 1500, value: 7 },
      { name: "login_total", labels: {}, ts: 9000, value: 8 },
    ]);
    const rows = await store.samples.read({ names: ["http_requests_total", "login_total"], from: 1000, to: 2000 });
    expect(rows.map((r) => [r.name, r.labels.status ?? "-", r.ts, r.value])).toEqual([
      ["http_requests_total", "500", 1000, 1],
      ["http_requests_total", "200", 1000, 10],
      ["login_total", "-", 1500, 7],
      ["http_requests_total", "500", 2000, 3],
    ]);
    const series = await store.samples.readSeries({ names: ["http_requests_total"], from: 0, to: 10_000 });
    // Label order does not matter: {status, route} and {route, status} are one series.
    expect(series.map((s) => [s.labels, s.ts, s.values])).toEqual(
      expect.arrayContaining([[{ route: "/a", status: "500" }, [1000, 2000], [1, 3]], [{ route: "/a", status: "200" }, [1000], [10]]]),
    );
    expect(series).toHaveLength(2);
    expect(await store.samples.read({ names: ["missing"], from: 0, to: 10_000 })).toEqual([]);
  });

  it("keeps NaN and ±Inf, and ignores a repeated sample for the same time", async () => {
    const store = await h.store();
    const rows: SampleRow[] = [
      { name: "g", labels: { k: "nan" }, ts: 1, value: Number.NaN },
      { name: "g", labels: { k: "inf" }, ts: 1, value: Infinity },
      { name: "g", labels: { k: "-inf" }, ts: 1, value: -Infinity },
      { name: "g", labels: { k: "inf" }, ts: 1, value: 5 },
    ];
    expect(await store.samples.append(rows)).toEqual({ inserted: 3 });
    const back = await store.samples.read({ names: ["g"], from: 0, to: 10 });
    expect(Object.fromEntries(back.map((r) => [r.labels.k, r.value]))).toEqual({ nan: NaN, inf: Infinity, "-inf": -Infinity });
  });

  it("appends, reads and prunes 100k samples in batched statements and in reasonable time", async () => {
    const sql: string[] = [];
    const store = await (await h.location()).open({ onQuery: (q) => sql.push(q) });
    // Statements on the samples table since the last call: what a one-row-per-statement or N+1 change multiplies.
    const samplesStatements = () => sql.splice(0).filter((q) => /\b(from|into)\s+"?(samples|series)"?/i.test(q)).length;
    samplesStatements();
    const bound = BOUND_MS[kind];
    const t0 = Date.parse("2025-01-01T00:00:00Z");
    const rows: SampleRow[] = [];
    for (let i = 0; i < 100_000; i++) {
      rows.push({ name: `slo_series_${i % 20}`, labels: { job: "mgmt", instance: "a" }, ts: t0 + Math.floor(i / 20) * STEP, value: i });
    }
    let started = performance.now();
    for (let start = 0; start < rows.length; start += 10_000) {
      await store.samples.append(rows.slice(start, start + 10_000));
    }
    expect(performance.now() - started).toBeLessThan(bound.append);
    // 10 appends of 10k rows: the 20 series once (insert + select), then at most 5,000 rows per insert.
    expect(samplesStatements()).toBeLessThanOrEqual(2 + 10 * 2);

    started = performance.now();
    const one = await store.samples.readSeries({ names: ["slo_series_3"], from: t0, to: t0 + 5000 * STEP });
    expect(performance.now() - started).toBeLessThan(bound.read);
    expect(samplesStatements()).toBeLessThanOrEqual(2); // the series, then their samples
    expect(one[0]?.ts).toHaveLength(5000);
    expect(one[0]?.values.slice(0, 3)).toEqual([3, 23, 43]);

    const cut = t0 + 2500 * STEP;
    started = performance.now();
    expect(await store.samples.prune(cut)).toBe(50_000);
    expect(performance.now() - started).toBeLessThan(bound.prune);
    expect(samplesStatements()).toBe(1);
    const left = await store.samples.read({ names: ["slo_series_0", "slo_series_19"], from: 0, to: Number.MAX_SAFE_INTEGER });
    expect(left).toHaveLength(5000);
    expect(left[0]?.ts).toBe(cut);
    // Series survive a prune: new samples for them still land.
    await store.samples.append([{ name: "slo_series_0", labels: { instance: "a", job: "mgmt" }, ts: t0 + 9_000 * STEP, value: 1 }]);
    expect((await store.samples.readSeries({ names: ["slo_series_0"], from: 0, to: Number.MAX_SAFE_INTEGER }))[0]?.ts).toHaveLength(2501);
  }, 60_000);

  it("shares one history between two store instances (replicas)", async () => {
    const loc = await h.location();
    const a = await loc.open();
    await a.samples.append([{ name: "up", labels: { job: "x" }, ts: 1, value: 1 }]);
    if (kind === "sqlite") await a.close();
    const b = await loc.open();
    await b.samples.append([{ name: "up", labels: { job: "x" }, ts: 2, value: 0 }]);
    const series = await b.samples.readSeries({ names: ["up"], from: 0, to: 10 });
    expect(series).toEqual([{ name: "up", labels: { job: "x" }, ts: [1, 2], values: [1, 0] }]);
  });
});
