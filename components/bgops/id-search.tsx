"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** Paste an id, land on it. Validation happens on the server, so a hostile value is refused there and never sent upstream. */
export function IdSearch({ kind, placeholder }: { kind: "sagas" | "idempotency"; placeholder: string }) {
  const router = useRouter();
  const [value, setValue] = useState("");
  const label = kind === "sagas" ? "Saga id" : "Idempotency key";
  return (
    <form
      role="search"
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const v = value.trim();
        if (v) router.push(`/${kind}/${encodeURIComponent(v)}`);
      }}
    >
      <label className="flex flex-col text-xs">
        <span className="muted">{label}</span>
        <input
          className="w-[28rem] max-w-full rounded border border-[var(--border)] bg-[var(--panel)] px-2 py-1 font-mono text-sm"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={placeholder}
          spellCheck={false}
        />
      </label>
      <button type="submit" className="rounded border border-[var(--border)] px-3 py-1 text-sm hover:bg-[var(--panel-2)]">
        Open
      </button>
    </form>
  );
}
