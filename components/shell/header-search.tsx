"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { searchTargets } from "@/components/shell/search-target";

export function HeaderSearch() {
  const router = useRouter();
  const [value, setValue] = useState("");
  function submit(e: FormEvent) {
    e.preventDefault();
    const target = searchTargets(value)[0];
    if (target) router.push(target.href);
  }
  return (
    <form onSubmit={submit} role="search" className="flex items-center gap-2">
      <input
        aria-label="Saga id or idempotency key"
        placeholder="Saga id or key…"
        className="w-64 rounded border border-[var(--border)] bg-[var(--panel-2)] px-2 py-1 text-sm"
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button
        type="button"
        className="muted rounded border border-[var(--border)] px-2 py-1 text-xs"
        onClick={() => window.dispatchEvent(new Event("console:open-palette"))}
        aria-label="Open command palette (Ctrl+K)"
      >
        Ctrl K
      </button>
    </form>
  );
}
