import { describe, expect, it } from "vitest";
import { backtest, longestBreach, trailingSli } from "./backtest";
import type { RangeSeries } from "./prometheus";

const M = 60_000;
const t0 = 1_760_000_000_000;

describe("the console's side of the back-test", () => {
  it("SLI over a trailing window of the SLO's step points", () => {
    const pts = [0, 1, 2, 3].map((i) => ({ t: t0 + i * M, good: i === 2 ? 50 : 100, total: 100 }));
    expect(trailingSli(pts, 2 * M).map((p) => p.sli)).toEqual([1, 1, 0.75, 0.75]);
  });

  it("a breach is the longest stretch below the objective lasting at least a minute", () => {
    const sli = [1, 0.9, 0.9, 1, 0.9, 0.9, 0.9, 0.9].map((v, i) => ({ t: t0 + i * 30_000, sli: v }));
    expect(longestBreach(sli, 0.98)).toEqual({ from: t0 + 4 * 30_000, to: t0 + 7 * 30_000 });
    expect(longestBreach(sli.slice(0, 4), 0.98)).toBeNull(); // 30 s below: not clear
  });
});

describe("backtest", () => {
  const sloPoints = Array.from({ length: 10 }, (_, i) => ({ t: t0 + i * M, good: i >= 4 ? 80 : 100, total: 100 }));
  // Prometheus's answers for each query the back-test asks, keyed by query text.
  const answers = (m: Record<string, RangeSeries[]>) => async (q: string) => m[q] ?? [];
  const curve = (f: (i: number) => number | null): RangeSeries[] => [
    { labels: {}, points: sloPoints.flatMap((p, i) => (f(i) === null ? [] : [{ t: p.t, v: f(i)! }])) },
  ];

  it("a rule that stays at 1 through the breach missed it; its correction fired", async () => {
    const expr = "rate(x{r=\"ok\"}[5m]) / rate(x[5m]) < 0.98";
    const fixedExpr = "sum without (r) (rate(x{r=\"ok\"}[5m])) / sum without (r) (rate(x[5m])) < 0.98";
    const bt = await backtest({
      sloId: "s", objective: 0.98, expr, fixedExpr, sloPoints, from: t0, to: t0 + 10 * M, stepMs: M,
      query: answers({
        'rate(x{r="ok"}[5m]) / rate(x[5m])': curve(() => 1),
        [expr]: [],
        'sum without (r) (rate(x{r="ok"}[5m])) / sum without (r) (rate(x[5m]))': curve((i) => (i >= 4 ? 0.8 : 1)),
        [fixedExpr]: curve((i) => (i >= 4 ? 0.8 : null)),
      }),
    });
    expect(bt).toMatchObject({ verdict: "missed", ruleFiredAt: null, fixedFiredAt: t0 + 4 * M, comparison: { op: "<", threshold: 0.98 } });
    expect(bt.breach?.from).toBe(t0 + 4 * M);
    expect(bt.points[5]).toEqual({ t: t0 + 5 * M, rule: 1, fixed: 0.8, sli: expect.closeTo(0.92, 6) });
  });

  it("a rule whose condition held during the breach caught it; with no breach the verdict says so", async () => {
    const expr = "0.98 > sum(rate(good[5m])) / sum(rate(all[5m]))";
    const caught = await backtest({
      sloId: "s", objective: 0.98, expr, fixedExpr: null, sloPoints, from: t0, to: t0 + 10 * M, stepMs: M,
      query: answers({ [expr]: curve((i) => (i >= 5 ? 0.8 : null)) }),
    });
    expect(caught).toMatchObject({ verdict: "caught", ruleFiredAt: t0 + 5 * M, fixedTried: false, comparison: { op: "<", threshold: 0.98 } });
    const quiet = await backtest({
      sloId: "s", objective: 0.98, expr, fixedExpr: null, sloPoints: sloPoints.map((p) => ({ ...p, good: 100 })), from: t0, to: t0 + 10 * M, stepMs: M, query: answers({}),
    });
    expect(quiet.verdict).toBe("no-breach");
  });
});
