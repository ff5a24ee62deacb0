"use client";

import { IDEMPOTENCY_STATUSES } from "@/lib/upstream/schemas/bgops-enums";

export interface KeyFilters {
  limit: string;
  status: string;
  tenant: string;
  operation: string;
}

const input = "rounded border border-[var(--border)] bg-[var(--panel)] px-2 py-1 text-sm";

/** Limit 1–500 and the three filters; each change goes to the URL. */
export function KeyFiltersForm({ value, onChange }: { value: KeyFilters; onChange: (k: keyof KeyFilters, v: string) => void }) {
  const text = (k: "tenant" | "operation", label: string) => (
    <label className="flex flex-col text-xs">
      <span className="muted">{label}</span>
      <input
        key={value[k]}
        defaultValue={value[k]}
        className={input}
        onBlur={(e) => onChange(k, e.target.value.trim())}
        onKeyDown={(e) => e.key === "Enter" && onChange(k, e.currentTarget.value.trim())}
      />
    </label>
  );
  return (
    <form className="flex flex-wrap items-end gap-3" aria-label="Filter idempotency keys" onSubmit={(e) => e.preventDefault()}>
      <label className="flex flex-col text-xs">
        <span className="muted">Limit (1–500)</span>
        <input
          key={value.limit}
          type="number"
          min={1}
          max={500}
          defaultValue={value.limit}
          className={`${input} w-24`}
          onBlur={(e) => onChange("limit", e.target.value.trim())}
          onKeyDown={(e) => e.key === "Enter" && onChange("limit", e.currentTarget.value.trim())}
        />
      </label>
      <label className="flex flex-col text-xs">
        <span className="muted">Status</span>
        <select className={input} value={value.status} onChange={(e) => onChange("status", e.target.value)}>
          <option value="">Any</option>
          {IDEMPOTENCY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      {text("tenant", "Tenant")}
      {text("operation", "Operation contains")}
    </form>
  );
}
