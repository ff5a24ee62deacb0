"use client";

import { signOut } from "next-auth/react";
import type { ConsoleUser } from "@/lib/auth/roles";

export function UserMenu({ user }: { user: ConsoleUser }) {
  return (
    <div className="flex items-center gap-2 text-sm">
      <span title={user.id}>
        {user.name} <span className="muted">· {user.role}</span>
      </span>
      <button
        type="button"
        className="rounded border border-[var(--border)] px-2 py-1 hover:bg-[var(--panel-2)]"
        onClick={() => signOut({ callbackUrl: "/login" })}
      >
        Sign out
      </button>
    </div>
  );
}
