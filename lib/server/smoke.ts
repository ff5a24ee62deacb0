import "server-only";
import { z } from "zod";
import { ApiError } from "@/lib/http/errors";
import { authorize, parseInput } from "@/lib/server/access";
import { getEnv } from "@/lib/env";
import { hasRuleSource } from "@/lib/alert-rules/report";
import { alertRuleSource } from "@/lib/server/alert-rules";
import { getPlatformClient } from "@/lib/server/platform";
import { getSloDefinitions } from "@/lib/server/slo";
import { getStore } from "@/lib/server/store";
import { compareWithLastGreen, runSmoke } from "@/lib/smoke/run";
import type { CheckResult, SmokeReport } from "@/lib/smoke/types";
import type { SmokeRun } from "@/lib/store";

export function platformLabel(): string {
  const { platform, console: c } = getEnv();
  return c.simulated ? `demo (${new URL(platform.baseUrls.mgmt).host})` : new URL(platform.baseUrls.mgmt).origin;
}

export function reportFromRun(run: SmokeRun): SmokeReport {
  const { platform } = getEnv();
  const results = run.results as unknown as CheckResult[];
  return {
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    platform: { baseUrls: platform.baseUrls, tenantSlug: platform.tenantSlug, apiVersion: platform.apiVersion },
    results,
    summary: { pass: run.summary.ok, warn: run.summary.warn, fail: run.summary.fail, error: run.summary.error },
  };
}

/** Runs the smoke test, streaming each result, then saves the run and compares it with the last green one. */
export async function runAndSaveSmoke(actor: string, opts: { includeIsolation: boolean; onResult: (r: CheckResult) => void }) {
  const { platform, console: c } = getEnv();
  const source = alertRuleSource();
  const defs = hasRuleSource(source) ? await getSloDefinitions() : null;
  const report = await runSmoke(getPlatformClient(), {
    alertRules: defs?.ok ? { source, defs: defs.definitions, scrapeIntervalSeconds: c.scrapeIntervalMs / 1000 } : undefined,
    includeIsolation: opts.includeIsolation,
    vault: platform.vaultAddr ? { addr: platform.vaultAddr, fetch: globalThis.fetch } : undefined,
    onResult: opts.onResult,
  });
  const store = await getStore();
  const lastGreen = await store.smokeRuns.lastGreen();
  const previous = lastGreen ? null : await store.smokeRuns.latest();
  const saved = await store.smokeRuns.save({
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    actor,
    platform: platformLabel(),
    summary: { ok: report.summary.pass, warn: report.summary.warn, fail: report.summary.fail, error: report.summary.error },
    results: report.results as unknown as Record<string, unknown>[],
  });
  return { run: saved, report, comparison: compareToGreen(report, lastGreen, previous) };
}

/**
 * New since the last green run; while none was ever green, new since the run before (a standing failure must not
 * hide a new one). With no run before there is nothing to be "new since": say so instead of listing every warning.
 */
export function compareToGreen(report: SmokeReport, lastGreen: SmokeRun | null, previous: SmokeRun | null) {
  if (lastGreen) return compareWithLastGreen(report, reportFromRun(lastGreen), "last green");
  if (previous) return compareWithLastGreen(report, reportFromRun(previous), "previous run");
  return { lastGreenAt: null, baseline: null, baselineAt: null, newProblems: [], headline: null };
}

const runsInput = z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) });

/** The saved smoke runs, newest first. */
export async function listSmokeRuns(input: { limit?: string | number }) {
  await authorize("viewer");
  const { limit } = parseInput(runsInput, input, "query");
  const store = await getStore();
  return { runs: await store.smokeRuns.list({ limit }) };
}

const runId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "is not a run id");

/** One saved run and what is new in it since the last green run before it (or the run before it). */
export async function getSmokeRun(id: string) {
  await authorize("viewer");
  const valid = parseInput(runId, id, "path parameter", "invalid_input");
  const store = await getStore();
  const run = await store.smokeRuns.get(valid);
  if (!run) throw new ApiError("not_found", `No smoke run ${valid}.`);
  const lastGreen = await store.smokeRuns.lastGreen({ before: run.startedAt });
  const previous = lastGreen ? null : await store.smokeRuns.latest({ before: run.startedAt });
  return { run, comparison: compareToGreen(reportFromRun(run), lastGreen, previous) };
}
