import Link from "next/link";
import { VerdictBadge } from "@/components/status/verdict-badge";
import type { SloCard } from "@/components/slo/types";

const TONE = { able: "pass", cannot: "fail", noise: "warn", missing: "fail" } as const;

/** An SLO's alert coverage on its /slo card: can its rules fire at all, linked to the rule-by-rule page. */
export function AlertCoverageLine({ alerts }: { alerts: SloCard["alerts"] }) {
  if (!alerts) return <span className="muted">alert rules could not be read (see above)</span>;
  const c = alerts.coverage;
  const names = alerts.names.length ? `: ${alerts.names.join(", ")}` : "";
  return (
    <span className="flex flex-col gap-0.5" data-testid="alert-coverage" data-status={c?.status ?? "unknown"}>
      <span className="flex flex-wrap items-center gap-2">
        {c ? <VerdictBadge tone={TONE[c.status]} label={`${c.label}${c.status === "missing" ? "" : names}`} /> : <span className="muted">not judged</span>}
        {alerts.hasBurnRateAlert && <span className="muted text-xs">burn-rate</span>}
        <Link href="/slo/alerts" className="text-xs underline">rules and fixes</Link>
      </span>
      {c?.why && <span className="muted text-xs">{c.why}</span>}
    </span>
  );
}
