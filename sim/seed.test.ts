import { describe, expect, it } from "vitest";
import { buildSeed } from "./seed/index";
import type { HistoryEntry, Saga } from "./types";

const NOW = Date.parse("2025-09-08T10:00:00Z");
const seed = buildSeed(7, NOW);
const sagas = seed.sagas.filter((s) => s.saga).map((s) => s.saga as Saga);
const history = (id: string) => (seed.sagas.find((s) => s.id === id)?.history ?? []).map((l) => JSON.parse(l) as HistoryEntry);
const { catalog } = seed;

describe("seed determinism", () => {
  it("the same seed and start time give byte-identical data", () => {
    expect(JSON.stringify(buildSeed(7, NOW))).toBe(JSON.stringify(seed));
  });

  it("another seed gives other data but the same well-known ids", () => {
    const other = buildSeed(8, NOW);
    expect(JSON.stringify(other.sagas.map((s) => s.id))).not.toBe(JSON.stringify(seed.sagas.map((s) => s.id)));
    expect(other.catalog).toEqual(catalog);
    expect(other.sagas.find((s) => s.id === catalog.sagas.completed)).toBeDefined();
  });
});

describe("seed coverage (CONTRACT §2.1–§2.3)", () => {
  it("has at least 200 sagas over several tenants and workflow types, in every stored status", () => {
    expect(sagas.length).toBeGreaterThanOrEqual(200);
    expect(new Set(sagas.map((s) => s.tenant_id)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(sagas.map((s) => s.workflow_type)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(sagas.map((s) => s.status))).toEqual(new Set(["pending", "completed", "compensated", "failed"]));
  });

  it("writes only the six history fields and never a 'started' entry", () => {
    const unparsable: string[] = [];
    let entries = 0;
    for (const s of seed.sagas) {
      for (const line of s.history) {
        let entry: Record<string, unknown>;
        try {
          entry = JSON.parse(line) as Record<string, unknown>;
        } catch {
          unparsable.push(`${s.id}: ${line}`);
          continue;
        }
        entries++;
        expect(Object.keys(entry)).toEqual(["timestamp", "step_id", "step_name", "status", "error", "retry_count"]);
        expect(["completed", "failed", "compensated"]).toContain(entry.status);
        expect(entry.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
      }
    }
    // The one deliberately corrupt element, and no other.
    expect(unparsable).toEqual([`${catalog.sagas.corruptHistory}: step_1 completed (written by a debugging script)`]);
    expect(entries).toBeGreaterThan(10_000);
  });

  it("compensates in reverse and marks a failed compensation as a failed step of a compensated saga", () => {
    const h = history(catalog.sagas.compensationFailed);
    const failAt = h.findIndex((e) => e.status === "failed");
    const comp = h.slice(failAt + 1).map((e) => e.step_id);
    expect(comp).toEqual([...comp].sort().reverse());
    const saga = sagas.find((s) => s.saga_id === catalog.sagas.compensationFailed)!;
    expect(saga.status).toBe("compensated");
    const broken = h.slice(failAt + 1).find((e) => e.status === "failed")!;
    expect(broken.error).toMatch(/raised/);
    expect(broken.retry_count).toBe(0);
    const step = saga.steps.find((s) => s.step_id === broken.step_id)!;
    expect(step.status).toBe("failed");
    expect(step.error).toBeNull();
  });

  it("ends a timed-out saga with a failed 'timeout' entry and status failed", () => {
    const h = history(catalog.sagas.timedOut);
    expect(h.at(-1)).toMatchObject({ step_id: "timeout", step_name: "saga", status: "failed", error: "Saga timed out", retry_count: 0 });
    expect(sagas.find((s) => s.saga_id === catalog.sagas.timedOut)?.status).toBe("failed");
  });

  it("has a stuck saga (pending, old updated_at), a retried step and a 10,000-entry history", () => {
    const stuck = sagas.find((s) => s.saga_id === catalog.sagas.stuck)!;
    expect(stuck.status).toBe("pending");
    expect(NOW - Date.parse(stuck.updated_at)).toBeGreaterThan(30 * 60_000);
    const retried = sagas.find((s) => s.saga_id === catalog.sagas.retried)!;
    expect(retried.steps.some((s) => s.status === "completed" && s.retry_count > 0)).toBe(true);
    expect(history(catalog.sagas.huge).length).toBeGreaterThanOrEqual(10_000);
  });

  it("has ≥1,000 keys in every status, some expired, some linked from sagas, a few cross-tenant", () => {
    expect(seed.keys.length).toBeGreaterThanOrEqual(1000);
    const statuses = new Set(seed.keys.map((k) => k.hash.status));
    for (const s of ["pending", "in_progress", "completed", "failed", "compensating", "compensated"]) expect(statuses).toContain(s);
    expect(seed.keys.filter((k) => k.expiresAtMs < NOW).length).toBeGreaterThan(50);
    const byKey = new Map(seed.keys.map((k) => [k.hash.key, k.hash]));
    const linked = sagas.filter((s) => s.idempotency_key && byKey.has(s.idempotency_key));
    expect(linked.length).toBeGreaterThan(100);
    const cross = linked.filter((s) => byKey.get(s.idempotency_key!)?.tenant_id !== s.tenant_id);
    expect(cross.length).toBeGreaterThanOrEqual(2);
    for (const k of seed.keys) for (const v of Object.values(k.hash)) expect(typeof v).toBe("string");
  });
});
