"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from "react";
import { paletteCommands, type Command } from "@/components/shell/palette-commands";
import { searchTargets } from "@/components/shell/search-target";
import type { Role } from "@/lib/auth/roles";

const FOCUSABLE = "input, button, a[href], select, textarea, [tabindex]:not([tabindex='-1'])";

/**
 * Tab and Shift+Tab cycle inside the dialog. showModal() already makes the page behind inert, but from the
 * last element the browser would move focus out of the document (to its own toolbar).
 */
function trapTab(e: ReactKeyboardEvent<HTMLDialogElement>) {
  if (e.key !== "Tab") return;
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hasAttribute("disabled"));
  if (items.length === 0) return;
  const i = items.indexOf(document.activeElement as HTMLElement);
  const next = e.shiftKey ? (i <= 0 ? items.length - 1 : i - 1) : i === -1 || i === items.length - 1 ? 0 : i + 1;
  e.preventDefault();
  items[next]!.focus();
}

/**
 * Ctrl+K (or the header's button): a modal <dialog>. showModal() makes the page behind inert and closes on
 * Escape from anywhere inside; focus goes back to where it was when the palette opened.
 */
export function CommandPalette({ role }: { role: Role }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const pressedBackdrop = useRef(false);

  useEffect(() => {
    function show() {
      if (!dialog.current?.open) returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
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
    // Ctrl+K and the header's button reach the palette from now on (after hydration): tests wait for this mark.
    const node = dialog.current;
    node?.setAttribute("data-ready", "true");
    return () => {
      node?.removeAttribute("data-ready");
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("console:open-palette", onOpen);
    };
  }, []);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      input.current?.focus();
    } else if (!open && d.open) d.close();
  }, [open]);

  // Escape (the dialog's cancel), a command or a click outside: all end in the dialog's close event.
  function onClose() {
    setOpen(false);
    const back = returnTo.current;
    returnTo.current = null;
    if (back?.isConnected) back.focus();
  }

  const commands = useMemo(() => {
    const q = query.trim().toLowerCase();
    const matches = paletteCommands(role).filter((c) => c.label.toLowerCase().includes(q));
    return q.length >= 4 ? [...matches, ...searchTargets(query)] : matches;
  }, [query, role]);

  function go(command: Command | undefined) {
    if (!command) return;
    returnTo.current = null; // focus belongs to the page we go to
    dialog.current?.close();
    router.push(command.href);
  }

  return (
    <dialog
      ref={dialog}
      aria-modal="true"
      aria-label="Command palette"
      data-testid="command-palette"
      className="panel mx-auto mt-24 w-full max-w-xl p-0 text-[var(--fg)] shadow-xl backdrop:bg-black/50"
      onClose={onClose}
      onKeyDown={trapTab}
      // A click on the backdrop lands on the <dialog> itself; clicks inside land on its children. So does a drag
      // from the input released outside the box (the click goes to the common ancestor): the press must have
      // started on the backdrop too, or selecting the query would throw it away.
      onMouseDown={(e) => {
        pressedBackdrop.current = e.target === e.currentTarget;
      }}
      onClick={(e) => {
        const backdrop = pressedBackdrop.current && e.target === e.currentTarget;
        pressedBackdrop.current = false;
        if (backdrop) e.currentTarget.close();
      }}
    >
      {open && (
        <>
          <div className="flex items-center border-b border-[var(--border)]">
            <input
              ref={input}
              role="combobox"
              aria-expanded="true"
              aria-controls="palette-list"
              aria-activedescendant={`palette-${active}`}
              placeholder="Type a command, or paste a saga id or idempotency key…"
              className="min-w-0 flex-1 bg-transparent px-4 py-3 outline-none"
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setActive(0);
              }}
              onKeyDown={(e) => {
                if (e.key === "ArrowDown") {
                  e.preventDefault();
                  setActive((a) => Math.min(a + 1, commands.length - 1));
                } else if (e.key === "ArrowUp") {
                  e.preventDefault();
                  setActive((a) => Math.max(a - 1, 0));
                } else if (e.key === "Enter") go(commands[active]);
              }}
            />
            <button type="button" className="muted mr-2 rounded px-2 py-1 text-xs hover:bg-[var(--panel-2)]" onClick={() => dialog.current?.close()}>
              Close <kbd>Esc</kbd>
            </button>
          </div>
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
        </>
      )}
    </dialog>
  );
}
