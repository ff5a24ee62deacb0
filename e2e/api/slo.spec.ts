import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { parse } from "yaml";
import { storageStateFor } from "../env";

test.use({ storageState: storageStateFor("viewer") });

/** States that judge the SLO from its numbers (not "no data", "series missing" or "too little traffic"). */
const JUDGED = ["healthy", "burning_fast", "burning_slow", "exhausted"];
const STATES = ["healthy", "burning_fast", "burning_slow", "exhausted", "no_data", "insufficient_traffic", "burning_low_traffic", "series_missing"];

test("GET /api/slo evaluates every shipped SLO from the embedded scrape", async ({ request }) => {
  const res = await request.get("/api/slo?window=1h");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.window).toBe("1h");
  expect(body.source.kind).toBe("scrape");
  expect(body.slos.map((s: { id: string }) => s.id)).toEqual(
    expect.arrayContaining(["a-login-success", "a-provisioning-success", "a-provisioning-latency", "b-login-success", "b-api-latency"]),
  );
  for (const s of body.slos) {
    expect(STATES, `${s.id} state`).toContain(s.state);
    expect(s.evaluation.objective).toBeGreaterThan(0);
    expect(s.window.ms).toBe(3_600_000);
  }
  // The simulator feeds every shipped SLO (both schemes): each must have events and a judged state, so a dead
  // scraper (no_data), a scrape that loses the series (series_missing) or a history too short to judge fails here.
  const shipped = (parse(readFileSync("lib/slo/definitions/dotmac.yaml", "utf8")) as { slos: { id: string }[] }).slos.map((d) => d.id);
  expect(shipped.length).toBeGreaterThanOrEqual(10);
  const byId = new Map((body.slos as { id: string; state: string; evaluation: { total: number } }[]).map((s) => [s.id, s]));
  for (const id of shipped) {
    const s = byId.get(id);
    expect(s, `${id} in the report`).toBeDefined();
    expect(s!.evaluation.total, `${id} events`).toBeGreaterThan(0);
    expect(JUDGED, `${id} state`).toContain(s!.state);
  }
});

test("an unknown window is refused before any evaluation", async ({ request }) => {
  const res = await request.get("/api/slo?window=2h");
  expect(res.status()).toBe(422);
  expect((await res.json()).error.code).toBe("validation_failed");
});

test("concurrent viewers share one evaluation", async ({ request }) => {
  const bodies = await Promise.all(Array.from({ length: 6 }, () => request.get("/api/slo?window=24h").then((r) => r.json())));
  expect(new Set(bodies.map((b) => b.evaluatedAt)).size).toBe(1);
});

test("series are downsampled on the server to at most 800 points", async ({ request }) => {
  for (const window of ["1h", "30d"]) {
    const res = await request.get(`/api/slo/a-login-success/series?window=${window}`);
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.points.length).toBeLessThanOrEqual(800);
    expect(body.points.length).toBeGreaterThan(1);
    expect(body.to - body.from).toBe(window === "1h" ? 3_600_000 : 30 * 86_400_000);
    const ts = body.points.map((p: { t: number }) => p.t);
    expect([...ts].sort((a, b) => a - b)).toEqual(ts);
  }
});

test("an unknown SLO id is 404 and a hostile one 400", async ({ request }) => {
  expect((await request.get("/api/slo/no-such-slo/series")).status()).toBe(404);
  expect((await request.get("/api/slo/..%2F..%2Fetc/series")).status()).toBe(400);
});
