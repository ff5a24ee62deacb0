"use client";

import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { VerdictBadge } from "@/components/status/verdict-badge";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Spinner } from "@/components/ui/spinner";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";
import { RuleCard } from "./rule-card";
import { ALERT_WINDOWS, parseAlertWindow, utcTime, type AlertRulesJson } from "./types";

const TONE = { able: "pass", cannot: "fail", noise: "warn", missing: "fail" } as const;

export function AlertRulesView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const window = parseAlertWindow(params.get("window"));
  const q = useQuery({
    queryKey: queryKeys.alertRules(window),
    queryFn: () => fetchJson<AlertRulesJson>(`/api/slo/alerts?window=${window}`),
    refetchInterval: 60_000,
    placeholderData: keepPreviousData,
  });
  const select = (w: string) => router.replace(`${pathname}?window=${w}`, { scroll: false });
  return (
    <div className="flex flex-col gap-4">
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Alert rules: can they fire?</h1>
        <Link href="/slo" className="text-sm underline">← SLOs</Link>
        <div role="radiogroup" aria-label="Back-test window" className="ml-auto flex gap-1">
          {ALERT_WINDOWS.map((w) => (
            <button key={w} type="button" role="radio" aria-checked={w === window} onClick={() => select(w)}
              className={`rounded border px-2 py-0.5 text-sm ${w === window ? "border-[var(--accent)] bg-[var(--accent)]/15" : "border-[var(--border)] hover:bg-[var(--panel-2)]"}`}>
              {w}
            </button>
          ))}
        </div>
      </header>
      {q.isPending && <Spinner label="Reading and back-testing the alert rules…" />}
      {q.isError && !q.data && <ErrorPanel title="Alert rules unavailable" message={(q.error as Error).message} hint="Retrying every minute." />}
      {q.data && <Report data={q.data} fetching={q.isFetching} />}
    </div>
  );
}

function Report({ data, fetching }: { data: AlertRulesJson; fetching: boolean }) {
  if (!data.source) {
    return (
      <ErrorPanel title="No alert rules configured" message="The console has no alert rules to judge."
        hint={<>Set PROMETHEUS_URL (rules from Prometheus&apos;s /api/v1/rules) or ALERT_RULE_FILES (paths or globs of rule files).</>} />
    );
  }
  if (data.error) return <ErrorPanel title={`Alert rules could not be read from ${data.source.label}`} message={data.error} hint="This is not “no rules”: fix the source and reload." />;
  return (
    <>
      <section className="panel flex flex-col gap-1 p-3 text-sm" aria-label="Summary">
        <p data-testid="able-summary">
          <strong>Alerts able to fire: {data.summary.able} of {data.summary.total}</strong> · rules from {data.source.label} · judged {utcTime(data.evaluatedAt)}
          {fetching ? " · refreshing…" : ""}
        </p>
        <p className="muted">
          Series checked against the platform&apos;s /metrics: {data.exposed.ok ? `${data.exposed.metricNames} names exposed` : data.exposed.error}. Scrape interval {data.scrapeInterval.seconds} s (from {data.scrapeInterval.from}).
        </p>
        {data.backtestNote && <p className="text-[var(--warn)]">{data.backtestNote}</p>}
      </section>
      <section className="panel p-3" aria-label="SLO alert coverage">
        <h2 className="mb-2 font-semibold">SLO coverage (runbook §6)</h2>
        <ul className="flex flex-col gap-1 text-sm">
          {data.slos.map((s) => (
            <li key={s.sloId} data-testid={`coverage-${s.sloId}`} data-status={s.status} className="flex flex-wrap items-baseline gap-2">
              <span className="min-w-56">{s.name} <span className="muted text-xs">{s.sloId}</span></span>
              <VerdictBadge tone={TONE[s.status]} label={s.label} />
              <span className="muted text-xs">{s.rules.join(", ")}{s.why ? ` — ${s.why}` : ""}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="flex flex-col gap-3" aria-label="Rules">
        {data.rules.map((r) => <RuleCard key={`${r.rule.group}/${r.rule.name}/${r.rule.expr}`} r={r} />)}
      </section>
      {data.fixes && (
        <section className="panel flex flex-col gap-2 p-3" aria-label="Corrected rules">
          <h2 className="font-semibold">Corrected rules</h2>
          <p className="text-sm" data-testid="promtool">
            promtool check rules:{" "}
            {data.fixes.promtool.ok === true ? <VerdictBadge tone="pass" label="accepted" /> : data.fixes.promtool.ok === false ? <VerdictBadge tone="fail" label="rejected" /> : <span className="muted">not run</span>}{" "}
            <span className="muted text-xs">{data.fixes.promtool.output}</span>
          </p>
          <pre className="max-h-96 overflow-auto rounded bg-[var(--panel-2)] p-2 text-xs"><code>{data.fixes.yaml}</code></pre>
        </section>
      )}
    </>
  );
}
