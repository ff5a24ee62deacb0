"use client";

import Link from "next/link";
import { useState } from "react";
import { RunbookSection } from "@/components/runbook/runbook-section";
import { InlineText } from "@/components/runbook/inline-text";
import { sectionAnchor, type RunbookView } from "@/components/runbook/view-types";

/** The runbook as a checklist with live widgets; ticks here are a scratch pad, an incident is where they are kept. */
export function RunbookClient({ view, canRun, canOpenIncident }: { view: RunbookView; canRun: boolean; canOpenIncident: boolean }) {
  const [ticked, setTicked] = useState<Set<string>>(() => new Set());
  const { runbook } = view;
  const toggle = (id: string) =>
    setTicked((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold">{runbook.title}</h1>
        <p className="muted text-xs">
          {view.source === "shipped" ? "The DotMac runbook shipped with the console" : `From RUNBOOK_PATH ${view.source}`} · version {runbook.version}
        </p>
        {runbook.intro.length > 0 && <p className="mt-1 text-sm"><InlineText items={runbook.intro} /></p>}
      </div>
      <div role="note" className="panel flex flex-wrap items-center gap-3 border-[var(--warn)]/50 p-3 text-sm">
        <span>Ticks on this page are not saved — they are for you only and vanish on reload.</span>
        {canOpenIncident ? (
          <Link href="/incidents?new=1" className="rounded bg-[var(--accent)] px-2 py-1 font-medium text-white">Open an incident to track progress</Link>
        ) : (
          <Link href="/incidents" className="text-[var(--accent)] underline">See incidents</Link>
        )}
      </div>
      {view.contactProblems.length > 0 && (
        <p role="alert" className="text-sm text-[var(--warn)]">ONCALL_CONTACTS has problems: {view.contactProblems.join("; ")}.</p>
      )}
      <nav aria-label="Runbook sections" className="flex flex-wrap gap-2 text-xs">
        {runbook.sections.map((s) => (
          <a key={s.id} href={`#${sectionAnchor(s)}`} className="rounded border border-[var(--border)] px-2 py-0.5 hover:bg-[var(--panel-2)]">
            {s.number ? `§${s.number} ` : ""}{s.title}
          </a>
        ))}
      </nav>
      {runbook.sections.map((section) => (
        <RunbookSection
          key={section.id}
          section={section}
          widgets={view.widgets}
          env={view}
          canRun={canRun}
          stepControl={(step) => (
            <input
              type="checkbox"
              className="mt-1"
              checked={ticked.has(step.id)}
              onChange={() => toggle(step.id)}
              aria-label={`Tick (not saved): ${step.text}`}
            />
          )}
        />
      ))}
    </div>
  );
}
