"use client";

import dynamic from "next/dynamic";
import { VerdictBadge } from "@/components/status/verdict-badge";
import { Spinner } from "@/components/ui/spinner";
import { utcTime, type RuleReport } from "./types";

const BacktestChart = dynamic(() => import("./backtest-chart").then((m) => m.BacktestChart), { ssr: false, loading: () => <Spinner label="Loading chart…" /> });

const FIRING = { able: { tone: "pass", label: "able to fire" }, never: { tone: "fail", label: "can never fire" }, noise: { tone: "warn", label: "fires on noise" } } as const;

function BacktestLine({ r }: { r: RuleReport }) {
  const bt = r.backtest;
  if (!bt) return null;
  const breach = bt.breach ? `${utcTime(bt.breach.from)}–${utcTime(bt.breach.to)}` : null;
  const fixed = bt.fixedTried ? (bt.fixedFiredAt !== null ? ` The corrected rule's condition first held at ${utcTime(bt.fixedFiredAt)}.` : " The corrected rule's condition never held either.") : "";
  if (bt.verdict === "no-breach") {
    return <p className="muted text-xs" data-testid="backtest">No clear breach of {bt.sloId} in this window{bt.ruleFiredAt !== null ? `; the rule's condition held from ${utcTime(bt.ruleFiredAt)} anyway` : ""}.{fixed}</p>;
  }
  if (bt.verdict === "missed") {
    return <p className="text-xs font-medium text-[var(--bad)]" data-testid="backtest" data-verdict="missed">The SLO {bt.sloId} was breached {breach} and this rule never crossed its threshold.{fixed}</p>;
  }
  return <p className="text-xs text-[var(--ok)]" data-testid="backtest" data-verdict="caught">The SLO {bt.sloId} was breached {breach}; the rule&apos;s condition held from {utcTime(bt.ruleFiredAt!)}.{fixed}</p>;
}

export function RuleCard({ r }: { r: RuleReport }) {
  const f = FIRING[r.judgement.firing.kind];
  const why = r.judgement.firing.kind === "able" ? null : r.judgement.firing.why;
  return (
    <article className="panel flex flex-col gap-2 p-3" data-testid={`rule-${r.rule.name}`} data-firing={r.judgement.firing.kind} aria-label={`Rule ${r.rule.name}`}>
      <header className="flex flex-wrap items-center gap-2">
        <h3 className="font-mono text-sm font-semibold">{r.rule.name}</h3>
        <VerdictBadge tone={f.tone} label={f.label} />
        {r.rule.state && <span className="muted text-xs">Prometheus: {r.rule.state}</span>}
        <span className="muted text-xs">
          {r.rule.group}
          {r.sloIds.length ? ` · SLO ${r.sloIds.join(", ")}` : " · no SLO reads these series"}
        </span>
      </header>
      <pre className="overflow-x-auto rounded bg-[var(--panel-2)] p-2 text-xs"><code>{r.rule.expr}</code></pre>
      {why && <p className="text-sm">{why}</p>}
      {r.judgement.problems.length > 0 && (
        <ul className="flex list-disc flex-col gap-1 pl-5 text-sm">
          {r.judgement.problems.map((p) => (
            <li key={p.code} data-problem={p.code}>
              {p.message} <span className="muted">Fix: {p.fix}.</span>
            </li>
          ))}
        </ul>
      )}
      {r.judgement.fixed && (
        <div className="flex flex-col gap-1">
          <p className="text-xs font-medium">Corrected expression (for: {r.judgement.fixed.for})</p>
          <pre className="overflow-x-auto rounded bg-[var(--panel-2)] p-2 text-xs" data-testid="fixed-expr"><code>{r.judgement.fixed.expr}</code></pre>
        </div>
      )}
      <BacktestLine r={r} />
      {r.backtest && r.backtest.points.length > 1 && <BacktestChart bt={r.backtest} latency={r.rule.expr.includes("histogram_quantile")} />}
    </article>
  );
}
