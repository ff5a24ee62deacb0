"use client";

/** UTC by default (the platform and the runbook speak UTC); the choice lives in the URL as `tz=local`. */
export function TimeZoneToggle({ local, onChange }: { local: boolean; onChange: (local: boolean) => void }) {
  return (
    <div role="group" aria-label="Time zone" className="inline-flex overflow-hidden rounded border border-[var(--border)] text-xs">
      {[
        { value: false, label: "UTC" },
        { value: true, label: "Local time" },
      ].map((o) => (
        <button
          key={o.label}
          type="button"
          aria-pressed={local === o.value}
          onClick={() => onChange(o.value)}
          className={`px-2 py-0.5 ${local === o.value ? "bg-[var(--accent)] text-black" : "hover:bg-[var(--panel-2)]"}`}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
