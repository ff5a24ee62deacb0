"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { SignaturePanel } from "@/components/bgops/source-note";
import { EvidenceButton } from "@/components/runbook/evidence-button";
import type { EvidenceSink } from "@/components/runbook/view-types";
import { VerdictBadge } from "@/components/status/verdict-badge";
import { explainSignature } from "@/lib/domain/bgops-signature";
import { postJson } from "@/lib/query/fetch-json";
import { bgopsOperationFor } from "@/lib/runbook/bgops-request";
import type { Widget } from "@/lib/runbook/widgets";
import type { BgopsAnswer } from "@/lib/server/runbook";

type BgopsWidgetSpec = Extract<Widget, { kind: "bgops-request" }>;

/** The runbook's bgops GET with a field per placeholder; the console builds the URL, the form only fills it in. */
export function BgopsWidget({ itemId, widget, canRun, onEvidence }: { itemId: string; widget: BgopsWidgetSpec; canRun: boolean; onEvidence?: EvidenceSink }) {
  const fields = [...widget.placeholders, ...(widget.query?.limit !== undefined ? ["limit"] : [])];
  const [values, setValues] = useState<Record<string, string>>(() => {
    const limit = widget.query?.limit;
    const initial: Record<string, string> = {};
    if (limit !== undefined) initial.limit = limit;
    return initial;
  });
  const [invalid, setInvalid] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: () => postJson<BgopsAnswer>("/api/runbook/bgops", { itemId, pathTemplate: widget.pathTemplate, values }),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = bgopsOperationFor(widget, values);
    if (!parsed.ok) return setInvalid(parsed.reason);
    setInvalid(null);
    run.mutate();
  }

  const first = widget.placeholders[0];
  const answer = run.data;
  const sig = answer?.signature ?? null;
  const tone = answer ? (sig ? "fail" : answer.status >= 200 && answer.status < 300 ? "pass" : answer.status === 404 ? "warn" : "fail") : "neutral";
  const summary = answer ? (sig ? explainSignature(sig) : `${answer.status} ${answer.contentType}`) : "";
  return (
    <form onSubmit={submit} className="flex flex-col gap-1 text-xs" aria-label={`Run GET ${widget.pathTemplate}`}>
      <div className="flex flex-wrap items-end gap-2">
        <code className="muted">GET {widget.pathTemplate}</code>
        {fields.map((name) => (
          <label key={name} className="flex items-center gap-1">
            {name}
            <input
              value={values[name] ?? ""}
              onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
              className="w-56 rounded border border-[var(--border)] bg-[var(--panel-2)] px-1 py-0.5 font-mono"
              aria-invalid={invalid !== null}
              maxLength={300}
            />
          </label>
        ))}
        <button type="submit" disabled={!canRun || run.isPending} className="rounded bg-[var(--accent)] px-2 py-0.5 font-medium text-white disabled:opacity-50" title={canRun ? undefined : "Needs the responder role"}>
          {run.isPending ? "Asking…" : "Run"}
        </button>
        {first && values[first] && <ViewLink template={widget.pathTemplate} value={values[first]} />}
      </div>
      {invalid && <p role="alert" className="text-[var(--bad)]">Not sent: {invalid}</p>}
      {run.isError && <p role="alert" className="text-[var(--bad)]">{(run.error as Error).message}</p>}
      {answer && (
        <div className="rounded bg-[var(--panel-2)] p-2" aria-label="bgops answer">
          <div className="flex flex-wrap items-center gap-2">
            <VerdictBadge tone={tone} label={String(answer.status)} />
            <span>{answer.contentType}</span>
            <span className="muted tabular">{answer.totalMs} ms · {answer.path}</span>
            <EvidenceButton
              sink={onEvidence}
              draft={() => ({
                kind: "bgops",
                title: `GET ${answer.path} → ${sig ? sig.headline : `${answer.status} ${answer.contentType}`}`,
                payload: { check: "bgops-request", verdict: tone, summary, ...answer },
              })}
            />
          </div>
          {sig && (
            <div className="mt-1">
              <SignaturePanel title={`GET ${answer.path} failed`} signature={sig} message={summary} hasRedis={answer.hasRedis} />
            </div>
          )}
          <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-all">{answer.excerpt}{answer.truncated ? " …(cut)" : ""}</pre>
        </div>
      )}
    </form>
  );
}

/** The same record on the console's own saga / key page (built by the bgops pages). */
function ViewLink({ template, value }: { template: string; value: string }) {
  const href = template.includes("/idempotency/") ? `/idempotency/${encodeURIComponent(value)}` : `/sagas/${encodeURIComponent(value)}`;
  return <a className="text-[var(--accent)] underline" href={href}>open its page</a>;
}
