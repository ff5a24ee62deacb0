"use client";

import { signOut } from "next-auth/react";
import Link from "next/link";
import { useState } from "react";
import type { ConsoleUser } from "@/lib/auth/roles";
import { postJson } from "@/lib/query/fetch-json";

export function UserMenu({ user }: { user: ConsoleUser }) {
  const [error, setError] = useState<string | null>(null);
  async function everywhere() {
    setError(null);
    try {
      await postJson("/api/session/revoke-all", {});
      await signOut({ callbackUrl: "/login" });
    } catch (err) {
      setError(`Not signed out elsewhere: ${(err as Error).message}`);
    }
  }
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
      <Link href="/account/sessions" className="muted rounded px-1 py-1 text-xs underline" title="Where and when you are signed in">
        sessions
      </Link>
      <button type="button" className="muted rounded px-1 py-1 text-xs underline" onClick={everywhere} title="End this user's sessions on every device and browser">
        everywhere
      </button>
      {error && (
        <span role="alert" className="text-xs text-[var(--bad)]">
          {error}
        </span>
      )}
    </div>
  );
}
