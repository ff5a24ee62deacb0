import { describe, expect, it } from "vitest";
import { dataAge, verdictView } from "@/components/slo/data-age";
import { sourceLine } from "@/components/slo/source-line";
import type { SloReportJson } from "@/components/slo/types";

const T0 = Date.UTC(2026, 11, 6, 5, 3, 12);
const INTERVAL = 15_000;

type Scrape = Extract<SloReportJson["source"], { kind: "scrape" }>["scrape"];
function report(scrape: Partial<Scrape>): SloReportJson {
  const s: Scrape = { role: "scraping", intervalMs: INTERVAL, retentionDays: 7, last: null, lastOkAt: null, failingSince: null, lease: null, error: null, ...scrape };
  return { source: { kind: "scrape", label: "embedded scrape", scrape: s } } as unknown as SloReportJson;
}
const failed = (at: number) => ({ at, ok: false, httpStatus: null, samples: 0, kept: 0, metricNames: 0, durationMs: 5_000, error: "/metrics: did not answer in 5 s" });
const ok = (at: number) => ({ at, ok: true, httpStatus: 200, samples: 600, kept: 40, metricNames: 30, durationMs: 20 });

describe("SLO data age while the scrape fails", () => {
  const hung = report({ last: failed(T0 + 53_000), lastOkAt: T0, failingSince: T0 + 20_000 });

  it("the source line keeps the last successful scrape's time and age next to the failure", () => {
    const line = sourceLine(hung, T0 + 65_000);
    expect(line.problem).toBe(
      "SLO data from 05:03:12 UTC, 65 s old; scrape failing since 05:03:32 UTC: /metrics: did not answer in 5 s (last attempt 12 s ago)",
    );
  });

  it("a healthy verdict on data older than two scrape intervals is stale, grey, and says as of when", () => {
    const age = dataAge(hung, T0 + 65_000)!;
    expect(age).toEqual({ dataFrom: T0, failingSince: T0 + 20_000, stale: true });
    expect(verdictView("healthy", age)).toEqual({ label: "healthy as of 05:03:12 UTC — no data since", tone: "neutral", stale: true });
    // Old evidence of a burn keeps its colour.
    expect(verdictView("burning_fast", age)).toEqual({ label: "burning fast as of 05:03:12 UTC — no data since", tone: "fail", stale: true });
  });

  it("one failed scrape within two intervals is not yet stale; fresh data reads plainly", () => {
    expect(dataAge(hung, T0 + 2 * INTERVAL)!.stale).toBe(false);
    const fresh = report({ last: ok(T0), lastOkAt: T0 });
    expect(verdictView("healthy", dataAge(fresh, T0 + 5_000))).toEqual({ label: "healthy", tone: "pass", stale: false });
    expect(sourceLine(fresh, T0 + 5_000).problem).toBeNull();
  });

  it("no successful scrape in the history: stale, and the line says so", () => {
    const never = report({ last: failed(T0), failingSince: T0 - 60_000 });
    const age = dataAge(never, T0)!;
    expect(age.stale).toBe(true);
    expect(verdictView("healthy", age).label).toBe("healthy — no scrape has succeeded");
    expect(sourceLine(never, T0).problem).toMatch(/^no successful scrape of \/metrics in the stored history; scrape failing since 05:02:12 UTC/);
  });

  it("Prometheus keeps its own staleness: no data age", () => {
    const prom = { source: { kind: "prometheus", label: "Prometheus", url: "http://p" } } as unknown as SloReportJson;
    expect(dataAge(prom, T0)).toBeNull();
    expect(verdictView("healthy", null).tone).toBe("pass");
  });
});
