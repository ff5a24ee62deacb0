import { describe, expect, it } from "vitest";
import { CAPABILITIES, can, hasRole, isRole, ROLES, type Capability, type Role } from "@/lib/auth/roles";

const EXPECTED: Record<Role, Capability[]> = {
  viewer: ["read"],
  responder: ["read", "runChecks", "workIncidents", "resolveIncidents", "export"],
  admin: ["read", "runChecks", "workIncidents", "resolveIncidents", "export", "manageIncidents", "readAudit"],
};

describe("roles", () => {
  it.each(ROLES)("%s may do exactly what the issue grants it", (role) => {
    const allowed = (Object.keys(CAPABILITIES) as Capability[]).filter((c) => can(role, c));
    expect(allowed.sort()).toEqual([...EXPECTED[role]].sort());
  });

  it("orders viewer < responder < admin", () => {
    expect(hasRole("admin", "responder")).toBe(true);
    expect(hasRole("responder", "responder")).toBe(true);
    expect(hasRole("responder", "admin")).toBe(false);
    expect(hasRole("viewer", "responder")).toBe(false);
  });

  it("accepts only the three role names, exactly spelled", () => {
    expect(ROLES.every(isRole)).toBe(true);
    for (const bad of ["Admin", "root", "", " viewer", null, undefined, 2, ["admin"]]) expect(isRole(bad)).toBe(false);
  });
});
