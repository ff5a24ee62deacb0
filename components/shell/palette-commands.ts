import { NAV_ITEMS } from "@/components/shell/nav-items";
import { can, hasRole, type Capability, type Role } from "@/lib/auth/roles";

export interface Command {
  label: string;
  href: string;
}

/** Actions with the capability they need: the palette offers only what the signed-in role can finish. */
const ACTIONS: (Command & { needs: Capability })[] = [
  { label: "Run the smoke test", href: "/smoke?autorun=1", needs: "runChecks" },
  { label: "Open a new incident", href: "/incidents?new=1", needs: "workIncidents" },
];

export function paletteCommands(role: Role): Command[] {
  const pages = NAV_ITEMS.filter((item) => !("role" in item) || hasRole(role, item.role)).map((item) => ({ label: `Go to ${item.label}`, href: item.href }));
  const actions = ACTIONS.filter((a) => can(role, a.needs)).map(({ label, href }) => ({ label, href }));
  return [...pages, ...actions];
}
