import type { Runbook } from "@/lib/runbook/types";
import type { ChecklistRow, IncidentStep, StepState } from "./types";

/** The incident's own copy of the checklist: every step of the runbook in document order. */
export function checklistFromRunbook(runbook: Runbook): ChecklistRow[] {
  const rows: ChecklistRow[] = [];
  for (const section of runbook.sections) {
    for (const step of section.steps) {
      const row: ChecklistRow = { stepId: step.id, sectionId: section.id, text: step.text, depth: step.depth, position: rows.length };
      if (step.parentId !== undefined) row.parentId = step.parentId;
      rows.push(row);
    }
  }
  return rows;
}

export interface ChecklistProgress {
  total: number;
  done: number;
  skipped: number;
  todo: number;
}

export function checklistProgress(steps: readonly Pick<IncidentStep, "state">[]): ChecklistProgress {
  const count = (s: StepState) => steps.filter((x) => x.state === s).length;
  const done = count("done");
  const skipped = count("skipped");
  return { total: steps.length, done, skipped, todo: steps.length - done - skipped };
}
