import type { ReactNode } from "react";

/** An error state that says what happened and what to do; never an empty "no data". */
export function ErrorPanel({ title, message, hint, children }: { title: string; message: string; hint?: ReactNode; children?: ReactNode }) {
  return (
    <div role="alert" className="panel border-[var(--bad)]/50 p-4">
      <p className="font-medium text-[var(--bad)]">{title}</p>
      <p className="mt-1 text-sm">{message}</p>
      {hint && <div className="muted mt-2 text-sm">{hint}</div>}
      {children}
    </div>
  );
}
