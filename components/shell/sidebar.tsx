"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import type { Role } from "@/lib/auth/roles";

export function Sidebar({ role }: { role: Role }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Console" className="flex flex-col gap-0.5 p-2 text-sm">
      {NAV_ITEMS.filter((item) => !("role" in item) || role === item.role).map((item) => {
        const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`rounded px-3 py-1.5 ${active ? "bg-[var(--panel-2)] font-medium text-[var(--fg)]" : "muted hover:bg-[var(--panel-2)]"}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
