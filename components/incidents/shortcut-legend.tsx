const KEYS: [string, string][] = [
  ["j / ↓", "next step"],
  ["k / ↑", "previous step"],
  ["x / space", "tick or untick"],
  ["s", "skip (asks for a reason)"],
  ["n", "note on the step"],
  ["Esc", "cancel"],
];

/** Always visible while working the checklist, so nobody has to guess the keys. */
export function ShortcutLegend() {
  return (
    <aside aria-label="Keyboard shortcuts" className="panel p-3 text-xs">
      <p className="mb-1 font-medium">Keyboard</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
        {KEYS.map(([k, what]) => (
          <div key={k} className="contents">
            <dt><kbd className="rounded border border-[var(--border)] px-1 font-mono">{k}</kbd></dt>
            <dd className="muted">{what}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
