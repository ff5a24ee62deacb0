import type { Role } from "@/lib/auth/roles";

/**
 * The smoke checks a runbook step can run on its own (one named check of lib/smoke each). Pure data, shared by
 * the page (labels, who may press the button) and the server (lib/server/runbook.ts maps a name to its checks).
 * `access`: viewer for read-only GETs, responder for checks that send requests meant to change or be refused.
 */
export const RUNBOOK_CHECKS = {
  "client-check": { label: "Client check on the three portals (tenant and API version echoed)", access: "viewer", section: "§1" },
  bgops: { label: "bgops inspection endpoint (idempotency list)", access: "viewer", section: "§5" },
  metrics: { label: "/metrics exposure and business SLO series", access: "viewer", section: "§6" },
  vault: { label: "OpenBao/Vault health (sealed, standby, active)", access: "viewer", section: "§8" },
  isolation: { label: "Tenant isolation: malformed X-Tenant-ID and unsupported API version are refused", access: "responder", section: "§4" },
  edge: { label: "API edge: the console's requests pass the gateway, over TLS", access: "viewer", section: "§7" },
} as const satisfies Record<string, { label: string; access: Role; section: string }>;

export type RunbookCheckName = keyof typeof RUNBOOK_CHECKS;

export function isRunbookCheck(name: string): name is RunbookCheckName {
  return Object.hasOwn(RUNBOOK_CHECKS, name);
}
