"use client";

import { useEffect, useMemo, useState, type KeyboardEvent } from "react";
import type { IncidentDetail } from "@/components/incidents/incident-state";
import { StepControl } from "@/components/incidents/step-control";
import { StepExtra, type Conflict } from "@/components/incidents/step-extra";
import type { StepChange, StepOutcome } from "@/components/incidents/use-incident";
import { RunbookSection } from "@/components/runbook/runbook-section";
import type { EvidenceDraft, RunbookView } from "@/components/runbook/view-types";
import type { Section, Step } from "@/lib/runbook/types";
import type { IncidentStep } from "@/lib/store";

interface Props {
  detail: IncidentDetail;
  view: RunbookView;
  editable: boolean;
  canRun: boolean;
  focused: string | null;
  onFocus(stepId: string): void;
  changeStep(change: StepChange): Promise<StepOutcome>;
  addNote(text: string, stepId: string): Promise<void>;
  attachEvidence(draft: EvidenceDraft, stepId: string): Promise<void>;
}

/** The incident's own checklist, drawn with the current runbook's text and widgets where the step still exists. */
export function IncidentChecklist({ detail, view, editable, canRun, focused, onFocus, changeStep, addNote, attachEvidence }: Props) {
  const steps = useMemo(() => new Map(detail.incident.steps.map((s) => [s.stepId, s])), [detail.incident.steps]);
  const sections = useMemo(() => sectionsFor(view.runbook.sections, detail.incident.steps), [view.runbook.sections, detail.incident.steps]);
  const order = useMemo(() => sections.flatMap((s) => s.steps.map((st) => st.id)), [sections]);
  const [conflicts, setConflicts] = useState<Record<string, Conflict>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [mode, setMode] = useState<{ stepId: string; kind: "skip" | "note" } | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);

  async function apply(change: StepChange) {
    setErrors(({ [change.stepId]: _, ...rest }) => rest);
    const out = await changeStep(change);
    if (out.ok) setConflicts(({ [change.stepId]: _, ...rest }) => rest);
    else if ("conflict" in out) setConflicts((c) => ({ ...c, [change.stepId]: { theirs: out.conflict, mine: { state: change.state, reason: change.reason ?? null } } }));
    else setErrors((e) => ({ ...e, [change.stepId]: out.error }));
  }

  // From the row the key came from: `focused` (the URL's ?step=) is updated a render after the focus, so a key
  // pressed right after focusing a row would move from the previous row, or from the top.
  function move(from: string | null, delta: number) {
    const i = from ? order.indexOf(from) : -1;
    const next = order[Math.min(order.length - 1, Math.max(0, i + delta))];
    if (next) focusStep(next);
  }
  function focusStep(id: string) {
    onFocus(id);
    document.getElementById(`step-${id}`)?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const target = e.target as HTMLElement;
    const stepId = target.dataset.stepId;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    // Typing in a widget's field (e.g. §5's bgops form) is typing, j and the arrows included.
    if (target.closest("input, textarea, select, [contenteditable=true]")) return;
    const row = target.closest<HTMLElement>("[data-step-id]")?.dataset.stepId ?? focused;
    if (e.key === "j" || e.key === "ArrowDown") return void (e.preventDefault(), move(row, 1));
    if (e.key === "k" || e.key === "ArrowUp") return void (e.preventDefault(), move(row, -1));
    // Letter keys act only on a focused step row, so typing in a form or a widget is never hijacked.
    if (!stepId || !editable) return;
    const step = steps.get(stepId);
    if (!step) return;
    if (e.key === "x" || e.key === " ") {
      e.preventDefault();
      void apply({ stepId, state: step.state === "done" ? "todo" : "done" });
    } else if (e.key === "s") {
      e.preventDefault();
      setMode({ stepId, kind: "skip" });
    } else if (e.key === "n") {
      e.preventDefault();
      setMode({ stepId, kind: "note" });
    }
  }

  const notesByStep = useMemo(() => {
    const m = new Map<string, IncidentDetail["events"]>();
    for (const e of detail.events) if (e.kind === "note" && e.stepId) m.set(e.stepId, [...(m.get(e.stepId) ?? []), e]);
    return m;
  }, [detail.events]);

  return (
    <div onKeyDown={onKeyDown} className="flex flex-col gap-3" aria-label="Incident checklist">
      {sections.map((section) => (
        <RunbookSection
          key={section.id}
          section={section}
          widgets={view.widgets}
          env={view}
          canRun={canRun && editable}
          stepProps={(step) => ({
            tabIndex: focused === step.id || (!focused && step.id === order[0]) ? 0 : -1,
            onFocus: (e) => e.target === e.currentTarget && focused !== step.id && onFocus(step.id),
            "aria-label": `${stateWord(steps.get(step.id))}: ${step.text}`,
            "data-state": steps.get(step.id)?.state,
            className: `rounded px-2 py-1 outline-none focus-visible:ring-2 focus-visible:ring-[var(--accent)] ${focused === step.id ? "bg-[var(--panel-2)]" : ""}`,
          })}
          onEvidence={editable ? attachEvidence : undefined}
          stepControl={(step) => <StepControl step={steps.get(step.id)} text={step.text} editable={editable} onToggle={(state) => void apply({ stepId: step.id, state })} onSkip={() => setMode({ stepId: step.id, kind: "skip" })} />}
          stepExtra={(step) => {
            const st = steps.get(step.id);
            if (!st) return null;
            const c = conflicts[step.id];
            return (
                <StepExtra
                  step={st}
                  conflict={c}
                  error={errors[step.id]}
                  mode={mode?.stepId === step.id ? mode.kind : null}
                  notes={notesByStep.get(step.id) ?? []}
                  now={now}
                  onSkip={(reason) => { setMode(null); void apply({ stepId: step.id, state: "skipped", reason }); focusStep(step.id); }}
                  onNote={(text) => { setMode(null); addNote(text, step.id).catch((err: Error) => setErrors((e) => ({ ...e, [step.id]: err.message }))); focusStep(step.id); }}
                  onCancel={() => { setMode(null); focusStep(step.id); }}
                  onRetry={() => c && void apply({ stepId: step.id, state: c.mine.state, reason: c.mine.reason })}
                  onDismiss={() => setConflicts(({ [step.id]: _, ...rest }) => rest)}
                />
            );
          }}
        />
      ))}
    </div>
  );
}

function stateWord(step: IncidentStep | undefined): string {
  return step?.state === "done" ? "Done" : step?.state === "skipped" ? "Skipped" : "To do";
}

/** Runbook sections reduced to the incident's steps; steps the current runbook no longer has get a section of their own. */
function sectionsFor(sections: Section[], incidentSteps: IncidentStep[]): Section[] {
  const ids = new Set(incidentSteps.map((s) => s.stepId));
  const inRunbook = new Set<string>();
  const out = sections.map((s) => ({ ...s, steps: s.steps.filter((st) => ids.has(st.id) && inRunbook.add(st.id)) })).filter((s) => s.steps.length > 0);
  const orphans: Step[] = incidentSteps
    .filter((s) => !inRunbook.has(s.stepId))
    .map((s) => ({ kind: "step", id: s.stepId, sectionId: s.sectionId, depth: 0, text: s.text, inline: [{ type: "text", value: s.text }], checked: null, codeBlocks: [] }));
  if (orphans.length) out.push({ id: "earlier-runbook", slug: "earlier-runbook", title: "Steps from the runbook version this incident was opened with", depth: 2, intro: [], steps: orphans, codeBlocks: [] });
  return out;
}
