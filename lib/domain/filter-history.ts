import type { TimelineEvent, TimelineKind } from "@/lib/domain/saga-timeline";

export interface HistoryFilter {
  /** step_id, e.g. "step_2" or "timeout". */
  stepId?: string | null;
  /** A status as stored ("failed") or an unknown one's raw text ("deferred"). */
  status?: string | null;
  kind?: TimelineKind | null;
  /** Case-insensitive search in step name and error. */
  text?: string | null;
}

/** The history rows the list shows under the timeline; `seq` is kept so "jump to first failure" still works. */
export function filterHistory(events: readonly TimelineEvent[], filter: HistoryFilter): TimelineEvent[] {
  const text = filter.text?.trim().toLowerCase() || null;
  return events.filter(
    (e) =>
      (!filter.stepId || e.stepId === filter.stepId) &&
      (!filter.status || e.status.value === filter.status || e.status.raw === filter.status) &&
      (!filter.kind || e.kind === filter.kind) &&
      (!text || e.stepName.toLowerCase().includes(text) || (e.error ?? "").toLowerCase().includes(text)),
  );
}

/** The step filter's choices, in order of first appearance. */
export function historyStepOptions(events: readonly TimelineEvent[]): { stepId: string; stepName: string }[] {
  const seen = new Map<string, string>();
  for (const e of events) if (e.stepId !== null && !seen.has(e.stepId)) seen.set(e.stepId, e.stepName);
  return [...seen].map(([stepId, stepName]) => ({ stepId, stepName }));
}
