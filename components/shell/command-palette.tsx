"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { paletteCommands, type Command } from "@/components/shell/palette-commands";
import { searchTargets } from "@/components/shell/search-target";
import type { Role } from "@/lib/auth/roles";

export function CommandPalette({ role }: { role: Role }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);

  useEffect(() => {
    function show() {
      setQuery("");
      setActive(0);
      setOpen(true);
    }
    function onKey(e: KeyboardEvent) {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k") {
        e.preventDefault();
        show();
      }
    }
    function onOpen() {
      show();
    }
    window.addEventListener("keydown", onKey);
    window.addEventListener("console:open-palette", onOpen);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("console:open-palette", onOpen);
    };
  }, []);

  const commands = useMemo(() => {
    const q = query.trim().toLowerCase();
    const matches = paletteCommands(role).filter((c) => c.label.toLowerCase().includes(q));
    return q.length >= 4 ? [...matches, ...searchTargets(query)] : matches;
  }, [query, role]);

  if (!open) return null;

  function go(command: Command | undefined) {
    if (!command) return;
    setOpen(false);
    router.push(command.href);
  }

  return (
    <div className="fixed inset-0 z-50 flex items-start justify-center bg-black/50 pt-24" onClick={() => setOpen(false)}>
      <div role="dialog" aria-modal="true" aria-label="Command palette" className="panel w-full max-w-xl shadow-xl" onClick={(e) => e.stopPropagation()}>
        <input
          autoFocus
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={`palette-${active}`}
          placeholder="Type a command, or paste a saga id or idempotency key…"
          className="w-full border-b border-[var(--border)] bg-transparent px-4 py-3 outline-none"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === "Escape") setOpen(false);
            else if (e.key === "ArrowDown") {
              e.preventDefault();
              setActive((a) => Math.min(a + 1, commands.length - 1));
            } else if (e.key === "ArrowUp") {
              e.preventDefault();
              setActive((a) => Math.max(a - 1, 0));
            } else if (e.key === "Enter") go(commands[active]);
          }}
        />
        <ul id="palette-list" role="listbox" className="max-h-80 overflow-auto py-1">
          {commands.length === 0 && <li className="muted px-4 py-2 text-sm">No command matches.</li>}
          {commands.map((c, i) => (
            <li
              key={c.label}
              id={`palette-${i}`}
              role="option"
              aria-selected={i === active}
              className={`cursor-pointer px-4 py-2 text-sm ${i === active ? "bg-[var(--panel-2)]" : ""}`}
              onMouseEnter={() => setActive(i)}
              onClick={() => go(c)}
            >
              {c.label}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
