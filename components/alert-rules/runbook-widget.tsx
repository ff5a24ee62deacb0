"use client";

import Link from "next/link";
import { VerdictBadge } from "@/components/status/verdict-badge";
import { useSloReport } from "@/components/slo/use-slo-report";
import { Spinner } from "@/components/ui/spinner";

const TONE = { able: "pass", cannot: "fail", noise: "warn", missing: "fail" } as const;

/** Runbook §6 "ensure alerts are configured": per SLO, whether its alert rules can fire (same query as /slo). */
export function AlertRulesWidget() {
  const q = useSloReport("1h");
  if (q.isPending) return <Spinner label="Judging alert rules…" />;
  if (q.isError && !q.data) return <p className="text-xs text-[var(--bad)]">Alert rules unavailable: {(q.error as Error).message}</p>;
  const r = q.data.alertRules;
  if (!r) return <p className="muted text-xs">Alert rules not checked: set PROMETHEUS_URL or ALERT_RULE_FILES so the console can judge them.</p>;
  if (!r.ok) return <p className="text-xs text-[var(--bad)]" role="alert">Alert rules could not be read: {r.error}</p>;
  return (
    <div className="flex flex-col gap-1 text-xs" data-testid="runbook-alert-rules">
      <p>
        <strong>Alerts able to fire: {r.able} of {r.count}</strong> <span className="muted">({r.source})</span> ·{" "}
        <Link href="/slo/alerts" className="text-[var(--accent)] underline">rules, verdicts and fixes</Link>
      </p>
      <ul className="flex flex-col gap-0.5">
        {q.data.slos.map((s) => {
          const c = s.alerts?.coverage;
          return (
            <li key={s.id} className="flex flex-wrap items-baseline gap-2" data-status={c?.status ?? "unknown"}>
              <span className="min-w-48">{s.name} <span className="muted">{s.id}</span></span>
              {c ? <VerdictBadge tone={TONE[c.status]} label={c.label} /> : <span className="muted">not judged</span>}
              {c?.why && <span className="muted">{c.why}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
