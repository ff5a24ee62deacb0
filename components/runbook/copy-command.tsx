"use client";

import { useState } from "react";

/** A shell command from the runbook: copyable, never executed by the console. */
export function CopyCommand({ command }: { command: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(command);
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState("idle"), 2000);
  }
  return (
    <div className="flex items-start gap-2 text-xs">
      <pre className="min-w-0 flex-1 overflow-x-auto rounded bg-[var(--panel-2)] px-2 py-1">{command}</pre>
      <button type="button" onClick={copy} className="rounded border border-[var(--border)] px-2 py-1" aria-label={`Copy command: ${command}`}>
        {state === "copied" ? "Copied" : state === "failed" ? "Copy failed — select it" : "Copy"}
      </button>
      <span className="muted self-center">run it yourself; the console never executes it</span>
    </div>
  );
}
