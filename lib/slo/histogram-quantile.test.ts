import { describe, expect, it } from "vitest";
import { fractionAtOrBelow, histogramQuantile, parseLe, type Bucket } from "./histogram-quantile";

// Cases from Prometheus's promql/promqltest/testdata/histograms.test, evaluated at 50m
// (counts there are `0+Nx10`, so the instant value is 10·N; rates are proportional and give the same quantile).
const h = (pairs: [string, number][]): Bucket[] => pairs.map(([le, count]) => ({ le: parseLe(le)!, count }));

const testhistogramPositive = h([["0.1", 50], [".2", 70], ["1e0", 110], ["+Inf", 120]]);
const testhistogramNegative = h([["-.2", 10], ["-0.1", 20], ["0.3", 20], ["+Inf", 30]]);
const testhistogram2 = h([["0", 0], ["2", 10], ["4", 20], ["6", 30], ["+Inf", 30]]);
const testhistogram3Positive = h([["0", 0], ["0.1", 50], [".2", 70], ["1e0", 110], ["+Inf", 110]]);
const testhistogram3Negative = h([["-.25", 0], ["-.2", 10], ["-0.1", 20], ["0.3", 20], ["+Inf", 20]]);
// request_duration_seconds_bucket per job/instance, increments per step.
const rd = {
  j1i1: h([["0.1", 1], ["0.2", 3], ["+Inf", 4]]),
  j1i2: h([["0.1", 2], ["0.2", 5], ["+Inf", 6]]),
  j2i1: h([["0.1", 3], ["0.2", 4], ["+Inf", 6]]),
  j2i2: h([["0.1", 4], ["0.2", 7], ["+Inf", 9]]),
};
const sumByLe = (...hs: Bucket[][]): Bucket[] =>
  hs[0]!.map((b, i) => ({ le: b.le, count: hs.reduce((acc, x) => acc + x[i]!.count, 0) }));
const nonmonotonic = h([["0.1", 20], ["1", 10], ["10", 50], ["100", 40], ["1000", 90], ["+Inf", 80]]);
const mixedIns1 = h([["0.1", 10], ["0.2", 10], ["2e-1", 10], ["2.0e-1", 10], ["+Inf", 40]]);
const mixedIns2 = h([["+inf", 0], ["+Inf", 0]]);
const emptyBuckets = h([["0.1", 0], ["0.2", 0], ["+Inf", 0]]);

const cases: [string, number, Bucket[], number][] = [
  ["testhistogram3 positive q=0", 0, testhistogram3Positive, 0],
  ["testhistogram3 negative q=0", 0, testhistogram3Negative, -0.25],
  ["testhistogram3 positive q=0.25", 0.25, testhistogram3Positive, 0.055],
  ["testhistogram3 negative q=0.25", 0.25, testhistogram3Negative, -0.225],
  ["testhistogram3 positive q=0.5", 0.5, testhistogram3Positive, 0.125],
  ["testhistogram3 negative q=0.5", 0.5, testhistogram3Negative, -0.2],
  ["testhistogram3 positive q=0.75", 0.75, testhistogram3Positive, 0.45],
  ["testhistogram3 negative q=0.75", 0.75, testhistogram3Negative, -0.15],
  ["testhistogram3 positive q=1", 1, testhistogram3Positive, 1],
  ["testhistogram3 negative q=1", 1, testhistogram3Negative, -0.1],
  ["quantile too low", -0.1, testhistogramPositive, -Infinity],
  ["quantile too low (negative)", -0.1, testhistogramNegative, -Infinity],
  ["quantile too high", 1.01, testhistogramPositive, Infinity],
  ["quantile too high (negative)", 1.01, testhistogramNegative, Infinity],
  ["quantile NaN", NaN, testhistogramPositive, NaN],
  ["lowest bucket, positive start", 0, testhistogramPositive, 0],
  ["lowest bucket, negative start", 0, testhistogramNegative, -0.2],
  ["highest bucket, positive", 1, testhistogramPositive, 1],
  ["highest bucket, negative", 1, testhistogramNegative, 0.3],
  ["q=0.2 positive", 0.2, testhistogramPositive, 0.048],
  ["q=0.2 negative", 0.2, testhistogramNegative, -0.2],
  ["q=0.5 positive", 0.5, testhistogramPositive, 0.15],
  ["q=0.5 negative", 0.5, testhistogramNegative, -0.15],
  ["q=0.8 positive", 0.8, testhistogramPositive, 0.72],
  ["q=0.8 negative", 0.8, testhistogramNegative, 0.3],
  ["middle of bucket q=1/6", 1 / 6, testhistogram2, 1],
  ["middle of bucket q=1/2", 0.5, testhistogram2, 3],
  ["middle of bucket q=5/6", 5 / 6, testhistogram2, 5],
  ["sum by le q=0.3", 0.3, sumByLe(rd.j1i1, rd.j1i2, rd.j2i1, rd.j2i2), 0.075],
  ["sum by le q=0.5", 0.5, sumByLe(rd.j1i1, rd.j1i2, rd.j2i1, rd.j2i2), 0.1277777777777778],
  ["by instance ins1 q=0.3", 0.3, sumByLe(rd.j1i1, rd.j2i1), 0.075],
  ["by instance ins2 q=0.3", 0.3, sumByLe(rd.j1i2, rd.j2i2), 0.075],
  ["by instance ins1 q=0.5", 0.5, sumByLe(rd.j1i1, rd.j2i1), 0.1333333333],
  ["by instance ins2 q=0.5", 0.5, sumByLe(rd.j1i2, rd.j2i2), 0.125],
  ["by job job1 q=0.3", 0.3, sumByLe(rd.j1i1, rd.j1i2), 0.1],
  ["by job job2 q=0.3", 0.3, sumByLe(rd.j2i1, rd.j2i2), 0.0642857142857143],
  ["by job job1 q=0.5", 0.5, sumByLe(rd.j1i1, rd.j1i2), 0.14],
  ["by job job2 q=0.5", 0.5, sumByLe(rd.j2i1, rd.j2i2), 0.1125],
  ["job1/ins1 q=0.3", 0.3, rd.j1i1, 0.11],
  ["job1/ins2 q=0.3", 0.3, rd.j1i2, 0.09],
  ["job2/ins1 q=0.3", 0.3, rd.j2i1, 0.06],
  ["job2/ins2 q=0.3", 0.3, rd.j2i2, 0.0675],
  ["job1/ins1 q=0.5", 0.5, rd.j1i1, 0.15],
  ["job1/ins2 q=0.5", 0.5, rd.j1i2, 0.13333333333333333],
  ["job2/ins1 q=0.5", 0.5, rd.j2i1, 0.1],
  ["job2/ins2 q=0.5", 0.5, rd.j2i2, 0.11666666666666667],
  ["nonmonotonic q=0.01", 0.01, nonmonotonic, 0.0045],
  ["nonmonotonic q=0.5", 0.5, nonmonotonic, 8.5],
  ["nonmonotonic q=0.99", 0.99, nonmonotonic, 979.75],
  ["mixed le spellings q=0.5", 0.5, mixedIns1, 0.15],
  ["mixed le spellings q=0.75", 0.75, mixedIns1, 0.2],
  ["mixed le spellings q=1", 1, mixedIns1, 0.2],
  ["only +Inf buckets", 0.5, mixedIns2, NaN],
  ["empty buckets", 0.2, emptyBuckets, NaN],
  ["constant buckets (zero rate) q=1", 1, h([["0.0", 0], ["1.0", 0], ["2.0", 0], ["+Inf", 0]]), NaN],
];

describe("histogramQuantile (Prometheus histograms.test cases)", () => {
  it.each(cases)("%s", (_name, q, buckets, expected) => {
    const got = histogramQuantile(q, buckets);
    if (Number.isNaN(expected)) expect(got).toBeNaN();
    else if (!Number.isFinite(expected)) expect(got).toBe(expected);
    else expect(got).toBeCloseTo(expected, 9);
  });

  it("returns NaN without a +Inf bucket", () => {
    expect(histogramQuantile(0.5, h([["0.1", 1], ["1", 2]]))).toBeNaN();
  });

  it("does not depend on input order and does not mutate the input", () => {
    const shuffled = [...testhistogramPositive].reverse();
    const copy = structuredClone(nonmonotonic);
    expect(histogramQuantile(0.2, shuffled)).toBeCloseTo(0.048, 12);
    histogramQuantile(0.5, nonmonotonic);
    expect(nonmonotonic).toEqual(copy);
  });

  it("reports the p95 of the platform's provisioning histogram in seconds", () => {
    // 100 provisionings: 90 within 30 s, 8 more within 60 s, 2 slower.
    const prov = h([["10", 50], ["30", 90], ["60", 98], ["120", 100], ["+Inf", 100]]);
    expect(histogramQuantile(0.95, prov)).toBeCloseTo(30 + 30 * (5 / 8), 9);
  });
});

describe("fractionAtOrBelow (histogram_fraction(0, x) cases)", () => {
  it.each([
    [4, testhistogram2, 0.6666666666666666],
    [6, testhistogram2, 1],
    [3.5, testhistogram2, 0.5833333333333334],
    [0.2, testhistogram3Positive, 0.6363636363636364],
  ] as [number, Bucket[], number][])("≤ %s", (x, buckets, expected) => {
    expect(fractionAtOrBelow(x, buckets)).toBeCloseTo(expected, 12);
  });

  it("is NaN with no observations", () => {
    expect(fractionAtOrBelow(1, emptyBuckets)).toBeNaN();
  });
});

describe("parseLe", () => {
  it("reads Go float spellings and rejects garbage", () => {
    expect(parseLe("+Inf")).toBe(Infinity);
    expect(parseLe("+inf")).toBe(Infinity);
    expect(parseLe("1e0")).toBe(1);
    expect(parseLe(".2")).toBe(0.2);
    expect(parseLe("fast")).toBeUndefined();
    expect(parseLe(undefined)).toBeUndefined();
  });
});
