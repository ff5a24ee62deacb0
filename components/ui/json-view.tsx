"use client";

import { useState } from "react";

/** Raw JSON, copyable and downloadable: the one place components show upstream payloads as they came. */
export function JsonView({ value, filename, label = "Raw JSON" }: { value: unknown; filename: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const text = JSON.stringify(value, null, 2);
  async function copy() {
    await navigator.clipboard.writeText(text).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  }
  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    a.click();
    URL.revokeObjectURL(url);
  }
  return (
    <details className="panel p-3">
      <summary className="cursor-pointer text-sm font-medium">{label}</summary>
      <div className="mt-2 flex gap-2">
        <button type="button" onClick={copy} className="rounded border border-[var(--border)] px-2 py-0.5 text-xs">
          {copied ? "Copied" : "Copy"}
        </button>
        <button type="button" onClick={download} className="rounded border border-[var(--border)] px-2 py-0.5 text-xs">
          Download {filename}
        </button>
      </div>
      <pre className="mt-2 max-h-96 overflow-auto rounded bg-[var(--panel-2)] p-2 font-mono text-xs">{text}</pre>
    </details>
  );
}
