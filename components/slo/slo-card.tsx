"use client";

import Link from "next/link";
import { AlertCoverageLine } from "@/components/alert-rules/coverage-line";
import { BurnTable } from "@/components/slo/burn-table";
import { count, duration, PAIR_LABEL, pct, rate, seconds, STATE_VIEW } from "@/components/slo/format";
import { SloChartPanel } from "@/components/slo/slo-chart-panel";
import type { SloCard as SloCardData, SloWindow } from "@/components/slo/types";
import { Freshness } from "@/components/status/freshness";
import { VerdictBadge } from "@/components/status/verdict-badge";
import { formatDuration } from "@/lib/slo/duration";
import { verdictView } from "@/components/slo/data-age";

interface Props {
  slo: SloCardData;
  window: SloWindow;
  /** The console's UTC/local toggle, for chart times. */
  local: boolean;
  updatedAt: number;
  source: string;
  fetching: boolean;
  refreshError: string | null;
  prometheus: boolean;
  refetchMs: number;
  /** Newest successful scrape behind the verdict, and whether it is too old to call the state current. */
  dataFrom: number | null;
  stale: boolean;
}

const lowTraffic = (state: SloCardData["state"]) => state === "insufficient_traffic" || state === "burning_low_traffic";

/** "3 of 44 failed (7 %); the objective allows 2 %": the counts say what a percentage of a tiny budget cannot. */
function failedOf(good: number, total: number, objective: number): string {
  const bad = Math.max(0, Math.round(total - good));
  return `${count(bad)} of ${count(total)} failed (${pct(total > 0 ? bad / total : null, 1)}; the objective allows ${pct(1 - objective, 1)})`;
}

function Budget({ slo }: { slo: SloCardData }) {
  const e = slo.evaluation;
  if (e.budgetRemaining === null) return <span className="muted">—</span>;
  // With too few events one failure looks like an overspent budget: give the counts, and when the budget is judged.
  if (lowTraffic(slo.state)) {
    return (
      <span className={slo.state === "burning_low_traffic" ? "text-[var(--bad)]" : "muted"}>
        {failedOf(e.good, e.total, e.objective)}; judged from {count(e.minEvents)} events
      </span>
    );
  }
  if (e.overspent) return <span className="font-semibold text-[var(--bad)]">overspent by {pct(-e.budgetRemaining, 1)}</span>;
  return <span className={e.budgetRemaining < 0.25 ? "text-[var(--warn)]" : ""}>{pct(e.budgetRemaining, 1)} left</span>;
}

function Exhaustion({ slo }: { slo: SloCardData }) {
  const t = slo.evaluation.timeToExhaustion;
  if (lowTraffic(slo.state)) return <span className="muted">not estimated on {count(slo.evaluation.total)} events</span>;
  if (slo.evaluation.budgetRemaining !== null && slo.evaluation.budgetRemaining <= 0) return <>already spent</>;
  if (t.ms === null) return <span className="muted">not burning (or too little traffic to tell)</span>;
  return (
    <>
      in {duration(t.ms)} at the {t.basedOnWindowMs ? formatDuration(t.basedOnWindowMs) : ""} burn rate
    </>
  );
}

/** Which pairs fire, with their windows' event counts: the reason a low-traffic SLO still reads as burning. */
function LowTrafficBurn({ slo }: { slo: SloCardData }) {
  const firing = slo.evaluation.pairs.filter((p) => p.firing);
  if (slo.state !== "burning_low_traffic" || firing.length === 0) return null;
  return (
    <p role="status" className="text-sm text-[var(--bad)]" data-testid="low-traffic-burn">
      Burning on low traffic:{" "}
      {firing
        .map((p) => `${PAIR_LABEL[p.pair.id] ?? p.pair.id} at ${rate(p.long.burnRate)} / ${rate(p.short.burnRate)} on ${count(p.long.total)} / ${count(p.short.total)} events`)
        .join("; ")}
      . The period holds {count(slo.evaluation.total)} events, fewer than the {count(slo.evaluation.minEvents)} its budget is judged from.
    </p>
  );
}

export function SloCard({ slo, window, local, updatedAt, source, fetching, refreshError, prometheus, refetchMs, dataFrom, stale }: Props) {
  const e = slo.evaluation;
  const view = STATE_VIEW[slo.state];
  const verdict = verdictView(slo.state, { dataFrom, stale, failingSince: null });
  const historyShort = e.historyFrom !== null && e.evaluatedAt - e.historyFrom < e.periodMs;
  return (
    <article className="panel flex flex-col gap-3 p-4" aria-labelledby={`slo-${slo.id}`} data-testid={`slo-${slo.id}`} data-state={slo.state} data-stale={stale}>
      <header className="flex flex-wrap items-start gap-2">
        <div className="min-w-0 flex-1">
          <h2 id={`slo-${slo.id}`} className="font-medium">
            {slo.name} <span className="muted text-xs">scheme {slo.scheme}</span>
          </h2>
          <p className="muted text-xs">
            objective {pct(e.objective, e.objective >= 0.99 ? 1 : 0)} over {slo.period}
            {slo.thresholdSeconds !== null ? ` of requests ≤ ${slo.thresholdSeconds} s` : ""} ·{" "}
            <Link className="underline" href={`/runbook#section-${slo.runbookSection}`}>runbook §{slo.runbookSection}</Link> ·{" "}
            <Link className="underline" href="/runbook#section-6">§6 observability</Link>
          </p>
        </div>
        <span title={view.meaning} data-testid="slo-state">
          <VerdictBadge tone={verdict.tone} label={verdict.label} />
        </span>
      </header>
      {stale && (
        <p role="status" className="text-sm text-[var(--warn)]" data-testid="slo-stale">
          {dataFrom === null
            ? "No scrape of /metrics has succeeded: the numbers below are from the stored history only."
            : `Stale: the numbers below are from the scrape at ${new Date(dataFrom).toISOString().slice(11, 19)} UTC, ${duration(Math.max(0, updatedAt - dataFrom))} before this report; no data since (see the metric source above).`}
        </p>
      )}
      {slo.state === "series_missing" && (
        <p role="status" className="text-sm text-[var(--warn)]">
          Metrics exposed, SLO series missing: /metrics answers, but {slo.seriesMissingInLatestScrape ? "its latest scrape no longer carries" : "it does not carry"}{" "}
          <code>{e.metricNames.join(", ")}</code>. {slo.seriesMissingInLatestScrape ? "Numbers below are from the history before." : ""}
        </p>
      )}
      <LowTrafficBurn slo={slo} />
      <dl className="tabular grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
        <dt className="muted">Error budget ({slo.period})</dt>
        <dd data-testid="budget"><Budget slo={slo} /></dd>
        <dt className="muted">SLI ({slo.period})</dt>
        <dd>
          {pct(e.sli, 3)} <span className="muted text-xs">of {count(e.total)} events</span>
        </dd>
        {e.quantile && (
          <>
            <dt className="muted">p{Math.round(e.quantile.q * 100)} last hour / period</dt>
            <dd>
              {seconds(e.quantile.lastHour)} / {seconds(e.quantile.period)}
            </dd>
          </>
        )}
        <dt className="muted">Budget runs out</dt>
        <dd><Exhaustion slo={slo} /></dd>
        <dt className="muted">Last {window}</dt>
        <dd data-testid="window-stats">
          {pct(slo.window.sli, 2)} good of {count(slo.window.total)}, burn {rate(slo.window.burnRate)}
          {slo.window.quantile !== null ? `, p95 ${seconds(slo.window.quantile)}` : ""}
        </dd>
        {(prometheus || slo.alerts) && (
          <>
            <dt className="muted">Alerting (runbook §6)</dt>
            <dd><AlertCoverageLine alerts={slo.alerts} /></dd>
          </>
        )}
      </dl>
      {historyShort && e.historyFrom !== null && (
        <p className="muted text-xs">History covers {duration(e.evaluatedAt - e.historyFrom)} of the {slo.period} period; the budget is over that much.</p>
      )}
      <BurnTable slo={slo} />
      <SloChartPanel slo={slo} window={window} local={local} refetchMs={refetchMs} />
      <Freshness updatedAt={updatedAt} source={source} fetching={fetching} refreshError={refreshError} />
    </article>
  );
}
