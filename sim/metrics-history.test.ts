import { describe, expect, it } from "vitest";
import { PlatformMetrics } from "./metrics";
import { PAST_INCIDENTS, replayMetrics, selectHistory } from "./metrics-history";
import { createRng } from "./prng";

const END = Date.UTC(2026, 0, 10);
const DAY = 86_400_000;

describe("replayMetrics", () => {
  const metrics = new PlatformMetrics(createRng(3), END - 7 * DAY);
  const h = replayMetrics(metrics, END);
  const series = (name: string, labels: Record<string, string>) => h.series.find((s) => s.name === name && JSON.stringify(s.labels) === JSON.stringify(labels))!;

  it("covers seven days up to the end, finer over the last day", () => {
    expect(h.ts[0]).toBe(END - 7 * DAY + 15 * 60_000);
    expect(h.ts.at(-1)).toBe(END);
    expect(h.ts.filter((t) => t > END - DAY).length).toBe(480);
  });

  it("leaves the live counters where the replay ends, so the live scrape continues without a reset", () => {
    const login = series("dotmac_management_login_attempts_total", { result: "success" });
    const live = /dotmac_management_login_attempts_total\{result="success"\} (\S+)/.exec(metrics.render())![1]!;
    expect(login.values.at(-1)).toBe(Number(live));
    // Monotonic: counters only grow.
    expect(login.values.every((v, i) => i === 0 || v >= login.values[i - 1]!)).toBe(true);
  });

  it("burns during the past incidents and not between them", () => {
    const ok = series("dotmac_management_provisioning_requests_total", { result: "success" });
    const bad = series("dotmac_management_provisioning_requests_total", { result: "failure" });
    const failRatio = (from: number, to: number) => {
      const at = (s: typeof ok, t: number) => s.values[h.ts.findIndex((x) => x >= t) - s.from] ?? 0;
      const f = at(bad, to) - at(bad, from);
      const total = f + at(ok, to) - at(ok, from);
      return f / total;
    };
    const big = PAST_INCIDENTS[2]!;
    expect(failRatio(END - big.agoMs, END - big.agoMs + big.lengthMs)).toBeGreaterThan(0.3);
    expect(failRatio(END - 4 * DAY, END - 3 * DAY)).toBeLessThan(0.05);
  });

  it("selects by metric name", () => {
    const only = selectHistory(h, new Set(["login_success_rate_total"]));
    expect(new Set(only.series.map((s) => s.name))).toEqual(new Set(["login_success_rate_total"]));
    expect(only.ts).toBe(h.ts);
  });
});
