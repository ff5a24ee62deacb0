"use client";

import { useState } from "react";
import type { EvidenceDraft, EvidenceSink } from "@/components/runbook/view-types";

/** "Attach as evidence": saves a snapshot of what the widget shows now on the incident. */
export function EvidenceButton({ sink, draft }: { sink: EvidenceSink | undefined; draft: () => EvidenceDraft }) {
  const [state, setState] = useState<"idle" | "saving" | "saved" | { error: string }>("idle");
  if (!sink) return null;
  async function attach() {
    setState("saving");
    try {
      await sink!(draft());
      setState("saved");
    } catch (err) {
      setState({ error: (err as Error).message });
    }
  }
  return (
    <span className="inline-flex items-center gap-2 text-xs">
      <button type="button" onClick={attach} disabled={state === "saving"} className="rounded border border-[var(--accent)] px-2 py-0.5 text-[var(--accent)] disabled:opacity-50">
        {state === "saving" ? "Attaching…" : "Attach as evidence"}
      </button>
      {state === "saved" && <span role="status" className="text-[var(--ok)]">attached to the incident</span>}
      {typeof state === "object" && <span role="alert" className="text-[var(--bad)]">not attached: {state.error}</span>}
    </span>
  );
}
