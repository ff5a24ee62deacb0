const STYLES: Record<string, string> = {
  pass: "bg-[var(--ok)]/15 text-[var(--ok)] border-[var(--ok)]/40",
  ok: "bg-[var(--ok)]/15 text-[var(--ok)] border-[var(--ok)]/40",
  healthy: "bg-[var(--ok)]/15 text-[var(--ok)] border-[var(--ok)]/40",
  completed: "bg-[var(--ok)]/15 text-[var(--ok)] border-[var(--ok)]/40",
  warn: "bg-[var(--warn)]/15 text-[var(--warn)] border-[var(--warn)]/40",
  fail: "bg-[var(--bad)]/15 text-[var(--bad)] border-[var(--bad)]/40",
  failed: "bg-[var(--bad)]/15 text-[var(--bad)] border-[var(--bad)]/40",
  error: "bg-[var(--bad)]/15 text-[var(--bad)] border-[var(--bad)]/40",
  info: "bg-[var(--info)]/15 text-[var(--info)] border-[var(--info)]/40",
  neutral: "bg-[var(--panel-2)] muted border-[var(--border)]",
};

const ICON: Record<string, string> = { pass: "✓", ok: "✓", healthy: "✓", completed: "✓", warn: "!", fail: "✕", failed: "✕", error: "✕", info: "•", neutral: "•" };

/** A status pill that never relies on colour alone: it carries an icon and a word. */
export function VerdictBadge({ tone, label, wrap = false }: { tone: string; label?: string; wrap?: boolean }) {
  const style = STYLES[tone] ?? STYLES.neutral;
  return (
    <span className={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-medium ${wrap ? "max-w-full break-words" : "whitespace-nowrap"} ${style}`}>
      <span aria-hidden="true">{ICON[tone] ?? "•"}</span>
      {label ?? tone}
    </span>
  );
}
