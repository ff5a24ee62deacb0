import { describe, expect, it } from "vitest";
import { StoreInvalidInputError, StoreNotFoundError, StoreStateError, type CreateIncidentInput, type Store } from "./index";
import { ENGINES, useEngine } from "./store-test-harness";

const steps = () => [
  { stepId: "s1-check-health", sectionId: "s1", text: "Check `/health/ready`" },
  { stepId: "s2-run-smoke", sectionId: "s2", text: "Run `make smoke`" },
  { stepId: "s5-inspect-saga", sectionId: "s5", text: "GET …/bgops/sagas/{saga_id}" },
];

const input = (over: Partial<CreateIncidentInput> = {}): CreateIncidentInput => ({
  title: "Provisioning failures", severity: "sev2", tenant: "acme", startedAt: "2025-05-01T10:00:00Z",
  openedBy: "ana", runbookVersion: "sha256:abc", steps: steps(), ...over,
});

describe.each(ENGINES)("incidents on %s", (kind) => {
  const h = useEngine(kind);

  it("opens an incident with its own copy of the checklist", async () => {
    const store = await h.store();
    const source = steps();
    const a = await store.incidents.create(input({ steps: source }));
    source[0]!.text = "edited after opening";
    const b = await store.incidents.create(input({ title: "Second" }));
    await store.incidents.updateStep({ incidentId: b.id, stepId: "s1-check-health", expectedVersion: 1, change: { state: "done" }, actor: "bo" });

    const got = await store.incidents.get(a.id);
    expect(got).toMatchObject({ title: "Provisioning failures", severity: "sev2", tenant: "acme", status: "open", seq: 1,
      startedAt: "2025-05-01T10:00:00.000Z", openedBy: "ana", counts: { total: 3, todo: 3, done: 0, skipped: 0 } });
    expect(got?.steps.map((s) => [s.stepId, s.state, s.version])).toEqual([
      ["s1-check-health", "todo", 1], ["s2-run-smoke", "todo", 1], ["s5-inspect-saga", "todo", 1],
    ]);
    expect(got?.steps[0]?.text).toBe("Check `/health/ready`");
    expect(await store.incidents.get("00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await store.incidents.get("../etc")).toBeNull();
  });

  it("lists open incidents first, newest first", async () => {
    const store = await h.store();
    const old = await store.incidents.create(input({ title: "old open", startedAt: "2025-01-01T00:00:00Z" }));
    const recent = await store.incidents.create(input({ title: "recent open", startedAt: "2025-03-01T00:00:00Z" }));
    const closed = await store.incidents.create(input({ title: "newest but resolved", startedAt: "2025-04-01T00:00:00Z" }));
    await store.incidents.resolve({ incidentId: closed.id, actor: "ana", summary: "fixed" });
    expect((await store.incidents.list()).map((i) => i.id)).toEqual([recent.id, old.id, closed.id]);
    expect((await store.incidents.list({ status: "resolved" })).map((i) => i.title)).toEqual(["newest but resolved"]);
    expect((await store.incidents.list({ status: "open" })).map((i) => i.id)).toEqual([recent.id, old.id]);
  });

  it("lets exactly one of two concurrent changes to a step win; the other gets the winner's state", async () => {
    const loc = await h.location();
    // Two replicas on PostgreSQL; SQLite serves one process, so both writers share it.
    const a = await loc.open();
    const b: Store = kind === "postgres" ? await loc.open() : a;
    const incident = await a.incidents.create(input());
    for (let round = 0; round < 8; round++) {
      const current = (await a.incidents.get(incident.id))?.steps[0];
      const expectedVersion = current?.version ?? 0;
      const results = await Promise.all([
        a.incidents.updateStep({ incidentId: incident.id, stepId: "s1-check-health", expectedVersion,
          change: { state: "done", note: `ana ${round}` }, actor: "ana" }),
        b.incidents.updateStep({ incidentId: incident.id, stepId: "s1-check-health", expectedVersion,
          change: { state: "skipped", reason: `bo ${round}` }, actor: "bo" }),
      ]);
      const winners = results.filter((r) => r.ok);
      const losers = results.flatMap((r) => (r.ok ? [] : [r.conflict]));
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      const winner = winners[0]!.ok ? winners[0]!.step : null;
      expect(losers[0]).toEqual(winner);
      expect(winner?.version).toBe(expectedVersion + 1);
    }
    const after = await a.incidents.get(incident.id);
    expect(after?.steps[0]?.version).toBe(9);
    expect((await a.incidents.timeline(incident.id)).filter((e) => e.kind === "step")).toHaveLength(8);
  });

  it("records who ticked, skipped and noted, and returns the timeline in order", async () => {
    const store = await h.store();
    const { id } = await store.incidents.create(input());
    const tick = await store.incidents.updateStep({ incidentId: id, stepId: "s1-check-health", expectedVersion: 1, change: { state: "done", note: "all ready" }, actor: "ana" });
    expect(tick).toMatchObject({ ok: true, seq: 2, step: { state: "done", note: "all ready", updatedBy: "ana", version: 2 } });
    await expect(store.incidents.updateStep({ incidentId: id, stepId: "s2-run-smoke", expectedVersion: 1, change: { state: "skipped" }, actor: "bo" }))
      .rejects.toThrow(StoreInvalidInputError);
    await store.incidents.updateStep({ incidentId: id, stepId: "s2-run-smoke", expectedVersion: 1, change: { state: "skipped", reason: "no access" }, actor: "bo" });
    await store.incidents.addNote({ incidentId: id, actor: "bo", text: "Paged the platform team" });
    await store.incidents.attachEvidence({ incidentId: id, stepId: "s5-inspect-saga", actor: "ana", kind: "saga",
      title: "Saga 42 compensated", payload: { status: "compensated", steps: [1, 2] } });
    await expect(store.incidents.addNote({ incidentId: id, stepId: "nope", actor: "bo", text: "x" })).rejects.toThrow(StoreNotFoundError);
    await store.incidents.resolve({ incidentId: id, actor: "ana", summary: "Redis restarted" });

    const timeline = await store.incidents.timeline(id);
    expect(timeline.map((e) => [e.seq, e.kind, e.actor, e.stepId])).toEqual([
      [1, "opened", "ana", null],
      [2, "step", "ana", "s1-check-health"],
      [3, "step", "bo", "s2-run-smoke"],
      [4, "note", "bo", null],
      [5, "evidence", "ana", "s5-inspect-saga"],
      [6, "resolved", "ana", null],
    ]);
    expect(timeline[2]).toMatchObject({ data: { from: "todo", to: "skipped", reason: "no access" } });
    expect(timeline[4]).toMatchObject({ data: { title: "Saga 42 compensated", payload: { status: "compensated", steps: [1, 2] } } });
    const times = timeline.map((e) => Date.parse(e.at));
    expect([...times].sort((x, y) => x - y)).toEqual(times);

    const resolved = await store.incidents.get(id);
    expect(resolved).toMatchObject({ status: "resolved", resolvedBy: "ana", summary: "Redis restarted", counts: { done: 1, skipped: 1, todo: 1 } });
    await expect(store.incidents.updateStep({ incidentId: id, stepId: "s5-inspect-saga", expectedVersion: 1, change: { state: "done" }, actor: "bo" }))
      .rejects.toThrow(StoreStateError);
    await expect(store.incidents.resolve({ incidentId: id, actor: "bo" })).rejects.toThrow(StoreStateError);
  });

  it("reopens a resolved incident keeping the resolution in its timeline, and deletes one with its steps and events", async () => {
    const store = await h.store();
    const { id } = await store.incidents.create(input());
    const other = await store.incidents.create(input({ title: "keep me" }));
    await expect(store.incidents.reopen({ incidentId: id, actor: "root" })).rejects.toThrow(StoreStateError);
    await store.incidents.resolve({ incidentId: id, actor: "ana", summary: "Redis restarted" });
    const reopened = await store.incidents.reopen({ incidentId: id, actor: "root", reason: "bgops failing again" });
    expect(reopened).toMatchObject({ status: "open", resolvedAt: null, resolvedBy: null, seq: 3 });
    expect((await store.incidents.timeline(id)).map((e) => [e.seq, e.kind, e.actor, e.data])).toEqual([
      [1, "opened", "ana", expect.anything()],
      [2, "resolved", "ana", { summary: "Redis restarted" }],
      [3, "reopened", "root", { reason: "bgops failing again" }],
    ]);
    // Open again: steps can be worked.
    expect((await store.incidents.updateStep({ incidentId: id, stepId: "s1-check-health", expectedVersion: 1, change: { state: "done" }, actor: "bo" })).ok).toBe(true);

    expect(await store.incidents.delete(id)).toBe(true);
    expect(await store.incidents.get(id)).toBeNull();
    await expect(store.incidents.timeline(id)).rejects.toThrow(StoreNotFoundError);
    expect(await store.incidents.delete(id)).toBe(false);
    expect((await store.incidents.get(other.id))?.steps).toHaveLength(3);
    expect((await store.incidents.list()).map((i) => i.id)).toEqual([other.id]);
    await expect(store.incidents.delete("../etc")).rejects.toThrow(StoreInvalidInputError);
  });

  it("gives pollers only what changed since their revision", async () => {
    const loc = await h.location();
    const a = await loc.open();
    const b = kind === "postgres" ? await loc.open() : a;
    const { id } = await a.incidents.create(input());
    const first = await b.incidents.changesSince(id, 0);
    expect(first.incident.seq).toBe(1);
    expect(first.events.map((e) => e.kind)).toEqual(["opened"]);
    expect(first.steps).toHaveLength(3);

    const idle = await b.incidents.changesSince(id, 1);
    expect(idle.events).toEqual([]);
    expect(idle.steps).toEqual([]);

    await a.incidents.updateStep({ incidentId: id, stepId: "s2-run-smoke", expectedVersion: 1, change: { state: "done" }, actor: "ana" });
    await a.incidents.addNote({ incidentId: id, actor: "ana", text: "smoke green" });
    const next = await b.incidents.changesSince(id, 1);
    expect(next.incident.seq).toBe(3);
    expect(next.events.map((e) => e.seq)).toEqual([2, 3]);
    expect(next.steps.map((s) => [s.stepId, s.state])).toEqual([["s2-run-smoke", "done"]]);
    expect((await b.incidents.changesSince(id, 3)).events).toEqual([]);
    await expect(b.incidents.changesSince("00000000-0000-4000-8000-000000000000", 0)).rejects.toThrow(StoreNotFoundError);
  });
});
