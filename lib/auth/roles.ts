export const ROLES = ["viewer", "responder", "admin"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, responder: 1, admin: 2 };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function hasRole(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}

/** What each role may do; the UI uses it to disable controls, the server to refuse. */
export const CAPABILITIES = {
  read: "viewer",
  runChecks: "responder",
  workIncidents: "responder",
  /** Responders close what they work and take the postmortem with them. */
  resolveIncidents: "responder",
  export: "responder",
  /** Reopen and delete: undoing a resolution or removing a record is the admin's call. */
  manageIncidents: "admin",
  readAudit: "admin",
} as const satisfies Record<string, Role>;
export type Capability = keyof typeof CAPABILITIES;

export function can(role: Role, capability: Capability): boolean {
  return hasRole(role, CAPABILITIES[capability]);
}

export interface ConsoleUser {
  id: string;
  name: string;
  role: Role;
  /** The server-side session record this request was made with (absent outside a request). */
  sessionId?: string;
}
