import type { SloCard } from "@/components/slo/types";
import { PAIR_LABEL, rate } from "@/components/slo/format";

/** The SRE Workbook's multiwindow pairs: an alert fires only when both windows burn above the factor. */
export function BurnTable({ slo }: { slo: SloCard }) {
  const pairs = slo.evaluation.pairs;
  if (pairs.length === 0) return null;
  return (
    <table className="tabular w-full text-xs" aria-label={`${slo.name} burn rates`}>
      <thead className="muted text-left">
        <tr>
          <th className="font-normal">windows</th>
          <th className="font-normal">long</th>
          <th className="font-normal">short</th>
          <th className="font-normal">threshold</th>
          <th className="font-normal">firing</th>
        </tr>
      </thead>
      <tbody>
        {pairs.map((p) => {
          const cell = (w: typeof p.long) => (w.insufficient ? <span className="muted" title={`${Math.round(w.total)} events: too few to judge`}>low traffic</span> : rate(w.burnRate));
          return (
            <tr key={p.pair.id} data-pair={p.pair.id}>
              <td>{PAIR_LABEL[p.pair.id] ?? p.pair.id}</td>
              <td data-testid={`burn-${p.pair.id}-long`}>{cell(p.long)}</td>
              <td data-testid={`burn-${p.pair.id}-short`}>{cell(p.short)}</td>
              <td>≥ {p.pair.factor}×</td>
              <td className={p.firing ? "font-semibold text-[var(--bad)]" : "muted"}>{p.firing ? `yes (${p.pair.severity})` : "no"}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
