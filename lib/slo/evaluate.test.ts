import { beforeAll, describe, expect, it } from "vitest";
import { parseSloDefinitions, type SloDefinition } from "./definitions";
import { evaluateSlo, evaluateSlos, sloSeries } from "./evaluate";
import { createMemorySampleStore } from "./memory-store";
import { HOUR, MINUTE } from "./math";
import { increase, toCounterSeries } from "./series";
import { toSampleRows } from "./scrape";
import type { SampleRow } from "./types";

const STEP = 15_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2025, 8, 1);

function defs(): Map<string, SloDefinition> {
  const res = parseSloDefinitions(`apiVersion: dotmac.console/v1
kind: SLOList
slos:
  - id: login
    name: Login success
    scheme: A
    objective: 0.99
    period: 30d
    runbookSection: 3
    indicator:
      ratio:
        good: 'dotmac_management_login_attempts_total{result="success"}'
        total: 'dotmac_management_login_attempts_total'
  - id: prov-latency
    name: Provisioning latency
    scheme: A
    objective: 0.95
    period: 30d
    runbookSection: 5
    indicator:
      latency: { histogram: 'dotmac_management_provisioning_duration_seconds', thresholdSeconds: 60 }
  - id: http
    name: HTTP 5xx
    scheme: B
    objective: 0.95
    period: 30d
    runbookSection: 7
    indicator:
      errorRatio: { bad: 'http_requests_total{status_code=~"5.."}', total: http_requests_total }
`);
  if (!res.ok) throw new Error(JSON.stringify(res.problems));
  return new Map(res.definitions.map((d) => [d.id, d]));
}

/** Login counters scraped every 15 s; `perStep(i)` gives the [success, failure] increments of step i. */
async function loginStore(steps: number, perStep: (i: number) => [number, number], reset?: number) {
  const store = createMemorySampleStore({ retentionMs: 40 * DAY });
  const ok = { result: "success" };
  const bad = { result: "failure" };
  let s = 0;
  let f = 0;
  for (let i = 0; i <= steps; i++) {
    if (i > 0) {
      const [ds, df] = perStep(i);
      s += ds;
      f += df;
    }
    if (i === reset) {
      // The platform restarted: counters begin again from this step's own increments.
      const [ds, df] = perStep(i);
      s = ds;
      f = df;
    }
    const ts = T0 + i * STEP;
    await store.append([
      { name: "dotmac_management_login_attempts_total", labels: ok, ts, value: s },
      { name: "dotmac_management_login_attempts_total", labels: bad, ts, value: f },
    ]);
  }
  return { store, now: T0 + steps * STEP };
}

describe("evaluateSlo on a ratio SLO", () => {
  const STEPS = 4 * 24 * 240; // 4 days of 15-s scrapes
  let login: SloDefinition;
  beforeAll(() => {
    login = defs().get("login")!;
  });

  it("pages on a fast burn: 20% errors for the last hour after a 0.5% baseline", async () => {
    const { store, now } = await loginStore(STEPS, (i) => (i > STEPS - 240 ? [80, 20] : [99.5, 0.5]));
    const ev = await evaluateSlo(login, store, { now });
    // By hand: total 23040·100 = 2 304 000; bad 22800·0.5 + 240·20 = 16 200; allowed 1% = 23 040.
    expect(ev.total).toBeCloseTo(2_304_000, 6);
    expect(ev.good).toBeCloseTo(2_304_000 - 16_200, 6);
    expect(ev.budgetRemaining).toBeCloseTo(1 - 16_200 / 23_040, 9);
    const burn = Object.fromEntries(ev.windows.map((w) => [w.windowMs / MINUTE, w.burnRate]));
    expect(burn[5]).toBeCloseTo(20, 9);
    expect(burn[30]).toBeCloseTo(20, 9);
    expect(burn[60]).toBeCloseTo(20, 9);
    expect(burn[360]).toBeCloseTo(5400 / 144_000 / 0.01, 9); // 3.75
    expect(burn[4320]).toBeCloseTo(13_320 / 1_728_000 / 0.01, 9); // 0.7708…
    expect(ev.pairs.map((p) => [p.pair.id, p.firing])).toEqual([["page_fast", true], ["page_slow", false], ["ticket", false]]);
    expect(ev.state).toBe("burning_fast");
    // 29.6875% of a 30-day budget at 20× burn: 0.296875 · 720 h / 20 = 10.6875 h.
    expect(ev.timeToExhaustion.ms! / HOUR).toBeCloseTo(10.6875, 6);
    expect(ev.timeToExhaustion.basedOnWindowMs).toBe(HOUR);
    expect(ev.historyFrom).toBe(T0);
    expect(ev.newestSample).toBe(now);
  });

  it("burns slowly at 7% errors for six hours", async () => {
    const { store, now } = await loginStore(STEPS, (i) => (i > STEPS - 1440 ? [93, 7] : [100, 0]));
    const ev = await evaluateSlo(login, store, { now });
    expect(ev.budgetRemaining).toBeCloseTo(1 - 10_080 / 23_040, 9);
    expect(ev.pairs.find((p) => p.pair.id === "page_slow")?.firing).toBe(true);
    expect(ev.pairs.find((p) => p.pair.id === "page_fast")?.firing).toBe(false);
    expect(ev.state).toBe("burning_slow");
  });

  it("reports an overspent budget as exhausted with a negative remainder", async () => {
    const { store, now } = await loginStore(STEPS, (i) => (i > STEPS - 1440 ? [100, 0] : [98, 2]));
    const ev = await evaluateSlo(login, store, { now });
    // bad = 21600·2 = 43 200 against 23 040 allowed.
    expect(ev.budgetRemaining).toBeCloseTo(1 - 43_200 / 23_040, 9);
    expect(ev.overspent).toBe(true);
    expect(ev.state).toBe("exhausted");
    expect(ev.timeToExhaustion.ms).toBe(0);
  });

  it("counts across a counter reset instead of seeing a negative increase", async () => {
    const { store, now } = await loginStore(480, (i) => (i > 240 ? [90, 10] : [100, 0]), 300);
    const ev = await evaluateSlo(login, store, { now });
    expect(ev.total).toBeCloseTo(480 * 100, 9);
    const hour = ev.windows.find((w) => w.windowMs === HOUR)!;
    expect(hour.total).toBeCloseTo(240 * 100, 9);
    expect(hour.errorRatio).toBeCloseTo(0.1, 12);
    expect(hour.burnRate).toBeCloseTo(10, 9);
  });

  it("shows insufficient traffic instead of a frightening burn rate", async () => {
    // One login every 5 minutes, and the last two failed: a 100% error ratio on 2 events.
    const { store, now } = await loginStore(40, (i) => (i % 20 === 0 ? (i > 20 ? [0, 1] : [1, 0]) : [0, 0]));
    const ev = await evaluateSlo(login, store, { now });
    expect(ev.total).toBe(2);
    expect(ev.state).toBe("insufficient_traffic");
    const five = ev.windows.find((w) => w.windowMs === 5 * MINUTE)!;
    expect(five.insufficient).toBe(true);
    expect(five.burnRate).toBeNull();
    expect(ev.pairs.every((p) => !p.firing)).toBe(true);
  });

  it("never hides a firing pair behind the period's low-traffic guard", async () => {
    // Ten minutes of history, 800 events: under the 1,000 the 99 % budget is judged from, yet half of the
    // last 5 minutes' 400 logins failed — the 1h/5m pair fires on windows that each hold enough events.
    const { store, now } = await loginStore(40, (i) => (i > 20 ? [10, 10] : [20, 0]));
    const ev = await evaluateSlo(login, store, { now });
    expect(ev.total).toBe(800);
    expect(ev.total).toBeLessThan(ev.minEvents);
    expect(ev.pairs.find((p) => p.pair.id === "page_fast")?.firing).toBe(true);
    expect(ev.state).toBe("burning_low_traffic");
  });

  it("keeps a busy SLO healthy when only its last minutes are quiet", async () => {
    const { store, now } = await loginStore(2000, (i) => (i > 1975 ? [0, 0.2] : [100, 0]));
    const ev = await evaluateSlo(login, store, { now });
    expect(ev.windows.find((w) => w.windowMs === 5 * MINUTE)?.insufficient).toBe(true);
    expect(ev.state).toBe("healthy");
  });
});

describe("evaluateSlo on latency and error-ratio SLOs", () => {
  it("computes the fraction under the threshold and the p95 from buckets", async () => {
    const def = defs().get("prov-latency")!;
    const store = createMemorySampleStore({ retentionMs: 40 * DAY });
    const cumulative: [string, number][] = [["10", 10], ["30", 12], ["60", 18], ["120", 20], ["+Inf", 20]];
    const steps = 480; // 2 hours
    for (let i = 0; i <= steps; i++) {
      const rows: SampleRow[] = cumulative.map(([le, c]) => ({
        name: "dotmac_management_provisioning_duration_seconds_bucket",
        labels: { le },
        ts: T0 + i * STEP,
        value: c * i,
      }));
      await store.append(rows);
    }
    const ev = await evaluateSlo(def, store, { now: T0 + steps * STEP });
    expect(ev.sli).toBeCloseTo(0.9, 12);
    // 10% slow against a 5% budget: burn 2 everywhere, budget overspent to −100%.
    expect(ev.windows.every((w) => Math.abs(w.burnRate! - 2) < 1e-9)).toBe(true);
    expect(ev.budgetRemaining).toBeCloseTo(-1, 9);
    expect(ev.state).toBe("exhausted");
    // rank 19 of 20 falls in (60, 120] holding 2: 60 + 60·(1/2) = 90 s.
    expect(ev.quantile?.lastHour).toBeCloseTo(90, 9);
    expect(ev.quantile?.period).toBeCloseTo(90, 9);
  });

  it("treats 5xx as bad and everything else as good", async () => {
    const def = defs().get("http")!;
    const store = createMemorySampleStore({ retentionMs: DAY });
    for (let i = 0; i <= 240; i++) {
      const ts = T0 + i * STEP;
      await store.append([
        { name: "http_requests_total", labels: { status_code: "200" }, ts, value: 90 * i },
        { name: "http_requests_total", labels: { status_code: "404" }, ts, value: 7 * i },
        { name: "http_requests_total", labels: { status_code: "503" }, ts, value: 3 * i },
      ]);
    }
    const ev = await evaluateSlo(def, store, { now: T0 + 240 * STEP });
    expect(ev.sli).toBeCloseTo(0.97, 12);
    expect(ev.windows.find((w) => w.windowMs === HOUR)?.burnRate).toBeCloseTo(0.03 / 0.05, 9);
    expect(ev.state).toBe("healthy");
  });
});

describe("missing series", () => {
  it("says 'series missing' when /metrics is the platform's static zero counters", async () => {
    const store = createMemorySampleStore({ retentionMs: DAY });
    const text = "# Prometheus exposition disabled\n" +
      ["customers", "billing_runs", "api_requests", "notifications_sent", "partner_signups", "commission_calculated", "tenant_active"]
        .map((n) => `dotmac_${n}_total 0`).join("\n");
    await store.append(toSampleRows(text, T0).rows);
    await store.append(toSampleRows(text, T0 + STEP).rows);
    const ev = await evaluateSlo(defs().get("login")!, store, { now: T0 + STEP });
    expect(ev.state).toBe("series_missing");
    expect(ev.missingNames).toEqual(["dotmac_management_login_attempts_total"]);
  });

  it("says 'no data' when nothing was ever scraped", async () => {
    const ev = await evaluateSlo(defs().get("login")!, createMemorySampleStore({ retentionMs: DAY }), { now: T0 });
    expect(ev.state).toBe("no_data");
  });
});

describe("sloSeries", () => {
  it("downsamples to at most maxPoints and shows the incident in ratio and burn", async () => {
    const steps = 2 * 24 * 240;
    const { store, now } = await loginStore(steps, (i) => (i > steps - 240 ? [80, 20] : [99.5, 0.5]));
    const points = await sloSeries(defs().get("login")!, store, { from: now - 2 * DAY, to: now, maxPoints: 800 });
    expect(points.length).toBeLessThanOrEqual(800);
    expect(points.length).toBeGreaterThan(700);
    const last = points[points.length - 1]!;
    expect(last.t).toBe(now);
    expect(last.ratio).toBeCloseTo(0.8, 9);
    expect(last.burn1h).toBeCloseTo(20, 9);
    expect(points[400]!.ratio).toBeCloseTo(0.995, 9);
    expect(points[400]!.burn1h).toBeCloseTo(0.5, 9);
  });
});

describe("increase", () => {
  it("handles resets like Prometheus without extrapolation", () => {
    const s = toCounterSeries({ name: "c", labels: {}, ts: [0, 1, 2, 3, 4], values: [0, 10, 20, 5, 15] });
    expect(s.resets).toBe(1);
    expect(increase(s, 0, 4)).toBe(35);
    expect(increase(s, 2, 3)).toBe(5);
    expect(increase(s, 0.5, 2)).toBe(20);
    expect(increase(s, 5, 9)).toBe(0);
  });
});

describe("evaluateSlos", () => {
  it("keeps the other SLOs when one read fails", async () => {
    const good = createMemorySampleStore({ retentionMs: DAY });
    const flaky = {
      kind: "prometheus" as const,
      readSamples: async (q: { names: string[] }) => {
        if (q.names.some((n) => n.startsWith("http_"))) throw new Error("Prometheus did not answer within 10000 ms");
        return good.readSamples({ names: q.names, from: 0, to: T0 });
      },
    };
    const out = await evaluateSlos([...defs().values()], flaky, { now: T0 });
    expect(out.map((o) => [o.id, o.ok])).toEqual([["login", true], ["prov-latency", true], ["http", false]]);
    expect(out[2]).toMatchObject({ error: "Prometheus did not answer within 10000 ms" });
  });
});

describe("the low-traffic guard scales with the objective", () => {
  it("27 logins with one failure at 99% is 'insufficient traffic', not an exhausted budget", async () => {
    const login = defs().get("login")!; // objective 0.99: the budget holds 10 failures only from 1,000 events
    const { store, now } = await loginStore(9, (i) => (i === 5 ? [2, 1] : [3, 0]));
    const ev = await evaluateSlo(login, store, { now });
    expect(ev.total).toBe(27);
    expect(ev.state).toBe("insufficient_traffic");
  });

  it("the same failure ratio over enough events is judged", async () => {
    const login = defs().get("login")!;
    const { store, now } = await loginStore(400, (i) => (i % 10 === 5 ? [2, 1] : [3, 0]));
    const ev = await evaluateSlo(login, store, { now });
    expect(ev.total).toBe(1200);
    expect(ev.state).toBe("exhausted");
  });
});
