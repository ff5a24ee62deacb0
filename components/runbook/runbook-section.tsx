"use client";

import type { HTMLAttributes, ReactNode } from "react";
import { InlineText } from "@/components/runbook/inline-text";
import { sectionAnchor, type ItemEvidenceSink } from "@/components/runbook/view-types";
import { WidgetPanel, type WidgetEnv } from "@/components/runbook/widget-panel";
import type { CodeBlock, Section, Step } from "@/lib/runbook/types";
import type { Widget } from "@/lib/runbook/widgets";

export interface SectionProps {
  section: Section;
  widgets: Record<string, Widget[]>;
  env: WidgetEnv;
  canRun: boolean;
  onEvidence?: ItemEvidenceSink;
  /** The tick box (or state) in front of a step. */
  stepControl: (step: Step) => ReactNode;
  /** Below the step: conflict messages, skip reason, notes. */
  stepExtra?: (step: Step) => ReactNode;
  stepProps?: (step: Step) => HTMLAttributes<HTMLLIElement> & { "data-state"?: string };
}

/** One runbook section: heading with its `#section-N` anchor, prose, and every step with its live widgets. */
export function RunbookSection({ section, widgets, env, canRun, onEvidence, stepControl, stepExtra, stepProps }: SectionProps) {
  const anchor = sectionAnchor(section);
  const Heading = section.depth <= 2 ? "h2" : "h3";
  return (
    <section id={anchor} aria-labelledby={`${anchor}-title`} className="panel scroll-mt-4 p-4">
      <Heading id={`${anchor}-title`} className="mb-2 text-lg font-semibold">
        <a href={`#${anchor}`} className="hover:underline">
          {section.number ? `${section.number}) ` : ""}
          {section.title}
        </a>
      </Heading>
      {section.intro.length > 0 && (
        <p className="mb-2 text-sm">
          <InlineText items={section.intro} />
        </p>
      )}
      <ul className="flex flex-col gap-1">
        {section.steps.map((step) => (
          <li
            key={step.id}
            id={`step-${step.id}`}
            data-step-id={step.id}
            style={{ marginLeft: `${step.depth * 1.5}rem` }}
            className="rounded px-2 py-1 outline-none focus-visible:ring-2 focus-visible:ring-[var(--accent)]"
            {...stepProps?.(step)}
          >
            <div className="flex items-start gap-2 text-sm">
              {stepControl(step)}
              <span className="min-w-0 flex-1">
                <InlineText items={step.inline} />
              </span>
            </div>
            <WidgetPanel itemId={step.id} widgets={widgets[step.id] ?? []} env={env} canRun={canRun} onEvidence={onEvidence} />
            {step.codeBlocks.map((b) => <CodeBlockView key={b.id} block={b} widgets={widgets} env={env} canRun={canRun} />)}
            {stepExtra?.(step)}
          </li>
        ))}
      </ul>
      {section.codeBlocks.map((b) => <CodeBlockView key={b.id} block={b} widgets={widgets} env={env} canRun={canRun} />)}
    </section>
  );
}

function CodeBlockView({ block, widgets, env, canRun }: { block: CodeBlock; widgets: Record<string, Widget[]>; env: WidgetEnv; canRun: boolean }) {
  return (
    <div className="mt-2">
      <pre className="overflow-x-auto rounded bg-[var(--panel-2)] p-2 text-xs">{block.value}</pre>
      <WidgetPanel itemId={block.id} widgets={widgets[block.id] ?? []} env={env} canRun={canRun} />
    </div>
  );
}
