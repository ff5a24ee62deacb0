import { describe, expect, it } from "vitest";
import { paletteCommands } from "@/components/shell/palette-commands";

const labels = (role: Parameters<typeof paletteCommands>[0]) => paletteCommands(role).map((c) => c.label);

describe("command palette", () => {
  it("offers a viewer pages only: no smoke run, no new incident, no audit trail", () => {
    expect(labels("viewer")).not.toContain("Run the smoke test");
    expect(labels("viewer")).not.toContain("Open a new incident");
    expect(labels("viewer")).not.toContain("Go to Audit trail");
    expect(labels("viewer")).toContain("Go to Runbook");
  });

  it("offers a responder the actions it can finish, and an admin the audit trail", () => {
    expect(labels("responder")).toEqual(expect.arrayContaining(["Run the smoke test", "Open a new incident"]));
    expect(labels("responder")).not.toContain("Go to Audit trail");
    expect(labels("admin")).toEqual(expect.arrayContaining(["Run the smoke test", "Open a new incident", "Go to Audit trail"]));
  });
});
