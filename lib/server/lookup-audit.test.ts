import { describe, expect, it } from "vitest";
import { shouldAuditLookup } from "@/lib/server/bgops";
import { processState } from "@/lib/server/process-state";

describe("shouldAuditLookup", () => {
  it("audits the first look-up of a target per user, not every poll", () => {
    expect(shouldAuditLookup("ana", "saga.view", "s1")).toBe(true);
    expect(shouldAuditLookup("ana", "saga.view", "s1")).toBe(false);
    expect(shouldAuditLookup("bo", "saga.view", "s1")).toBe(true);
    expect(shouldAuditLookup("ana", "saga.view", "s2")).toBe(true);
  });

  it("stays bounded under distinct ids (a soak polled 9,000 in a minute)", () => {
    for (let i = 0; i < 20_000; i++) shouldAuditLookup("ana", "saga.view", `id-${i}`);
    expect(processState.lookupAudits?.size).toBeLessThanOrEqual(5_000);
  });
});
