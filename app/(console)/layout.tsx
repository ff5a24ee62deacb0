import Link from "next/link";
import type { ReactNode } from "react";
import { FiringBadge } from "@/components/alerts/firing-badge";
import { CommandPalette } from "@/components/shell/command-palette";
import { HeaderSearch } from "@/components/shell/header-search";
import { Sidebar } from "@/components/shell/sidebar";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { UserMenu } from "@/components/shell/user-menu";
import { pageUser } from "@/lib/server/page";
import { getPlatformInfo } from "@/lib/server/platform-info";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await pageUser("viewer");
  const platform = getPlatformInfo();
  return (
    <div className="flex min-h-screen flex-col">
      {platform.simulated ? (
        <div role="status" data-testid="simulated-banner" className="bg-[var(--warn)] px-4 py-1 text-center text-sm font-medium text-black">
          Demo — simulated platform. Nothing here touches a real DotMac installation.
        </div>
      ) : (
        platform.demoUsers && (
          <p role="note" data-testid="demo-users-notice" className="muted border-b border-[var(--border)] px-4 py-0.5 text-center text-xs">
            Demo users enabled (CONSOLE_DEMO): anyone can sign in as viewer, responder or admin with password &quot;demo&quot;. This is not the simulator: the platform is real.
          </p>
        )
      )}
      <header className="flex flex-wrap items-center gap-4 border-b border-[var(--border)] bg-[var(--panel)] px-4 py-2">
        <Link href="/" className="font-semibold">
          DotMac On-Call
        </Link>
        <div className="muted flex flex-wrap gap-3 text-xs" aria-label="Platform in use">
          <span title={platform.mgmtUrl}>API {new URL(platform.mgmtUrl).host}</span>
          <span>
            tenant <b className="text-[var(--fg)]">{platform.tenant}</b>
          </span>
          <span>API {platform.apiVersion}</span>
        </div>
        <div className="ml-auto flex items-center gap-3">
          <FiringBadge />
          <HeaderSearch />
          <ThemeToggle />
          {/* Only what the menu shows: the session id stays on the server. */}
          <UserMenu user={{ id: user.id, name: user.name, role: user.role }} />
        </div>
      </header>
      <div className="flex flex-1">
        <aside className="w-48 shrink-0 border-r border-[var(--border)] bg-[var(--panel)]">
          <Sidebar role={user.role} />
        </aside>
        <main className="min-w-0 flex-1 p-6">{children}</main>
      </div>
      <CommandPalette role={user.role} />
    </div>
  );
}
