import Link from "next/link";
import { VerdictBadge } from "@/components/status/verdict-badge";
import type { CheckResult } from "@/lib/smoke/types";

function sectionHref(section: string) {
  const n = section.replace(/[^0-9]/g, "");
  return n ? `/runbook#section-${n}` : "/runbook";
}

export function CheckRow({ result }: { result: CheckResult }) {
  return (
    <li className="border-b border-[var(--border)] py-2 last:border-0" data-check-id={result.id}>
      <div className="flex flex-wrap items-baseline gap-3">
        <VerdictBadge tone={result.verdict} />
        <span className="w-20 text-xs uppercase muted">{result.surface}</span>
        <span className="font-medium">{result.title}</span>
        <span className="text-sm">{result.summary}</span>
        <Link href={sectionHref(result.runbookSection)} className="ml-auto text-xs text-[var(--accent)] underline">
          runbook {result.runbookSection}
        </Link>
      </div>
      {result.seen && result.seen.length > 0 && (
        <details className="mt-1 ml-1">
          <summary className="muted cursor-pointer text-xs">what was seen ({result.durationMs} ms)</summary>
          <table className="mt-1 text-xs">
            <thead className="muted text-left">
              <tr>
                <th className="pr-3">request</th>
                <th className="pr-3">status</th>
                <th className="pr-3">type</th>
                <th className="pr-3">ttfb / total</th>
                <th>body / error</th>
              </tr>
            </thead>
            <tbody className="font-mono">
              {result.seen.map((s, i) => (
                <tr key={i} className="align-top">
                  <td className="pr-3">
                    {s.method} {s.path}
                  </td>
                  <td className="pr-3">
                    {s.status ?? "—"}
                    {s.location ? ` → ${s.location}` : ""}
                  </td>
                  <td className="pr-3">{s.contentType ?? "—"}</td>
                  <td className="pr-3 tabular">{s.ttfbMs !== undefined ? `${Math.round(s.ttfbMs)} / ${Math.round(s.totalMs ?? 0)} ms` : "—"}</td>
                  <td className="max-w-md break-all">{s.error ?? s.excerpt ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </li>
  );
}
