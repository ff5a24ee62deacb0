import { describe, expect, it } from "vitest";
import { StoreInvalidInputError, StoreStateError } from "./index";
import { ENGINES, useEngine } from "./store-test-harness";

const incident = {
  title: "Retries", severity: "sev3" as const, tenant: null, startedAt: "2025-05-01T10:00:00Z", openedBy: "ana",
  runbookVersion: "sha256:abc", steps: [{ stepId: "s1", sectionId: "s1", text: "Check" }],
};

describe.each(ENGINES)("client keys on notes and evidence (%s)", (kind) => {
  const h = useEngine(kind);

  it("a note or evidence sent twice with one key is stored once and answered with the first", async () => {
    const store = await h.store();
    const { id } = await store.incidents.create(incident);
    const first = await store.incidents.addNote({ incidentId: id, actor: "bo", text: "paged", clientKey: "k-note-0001" });
    const again = await store.incidents.addNote({ incidentId: id, actor: "bo", text: "paged", clientKey: "k-note-0001" });
    expect(again).toEqual(first);
    const ev = { incidentId: id, actor: "bo", kind: "smoke", title: "run", payload: { ok: true } };
    const e1 = await store.incidents.attachEvidence({ ...ev, clientKey: "k-ev-000001" });
    expect(await store.incidents.attachEvidence({ ...ev, clientKey: "k-ev-000001" })).toEqual(e1);
    // Without a key, or with another one, each post is its own event.
    await store.incidents.addNote({ incidentId: id, actor: "bo", text: "paged" });
    await store.incidents.addNote({ incidentId: id, actor: "bo", text: "paged", clientKey: "k-note-0002" });
    const events = await store.incidents.timeline(id);
    expect(events.filter((e) => e.kind === "note")).toHaveLength(3);
    expect(events.filter((e) => e.kind === "evidence")).toHaveLength(1);
  });

  it("a key is never reused for something else: another actor or kind is a conflict; keys are per incident", async () => {
    const store = await h.store();
    const a = await store.incidents.create(incident);
    const b = await store.incidents.create({ ...incident, title: "Other" });
    await store.incidents.addNote({ incidentId: a.id, actor: "bo", text: "x", clientKey: "k-shared-01" });
    await expect(store.incidents.addNote({ incidentId: a.id, actor: "cy", text: "x", clientKey: "k-shared-01" })).rejects.toThrow(StoreStateError);
    await expect(
      store.incidents.attachEvidence({ incidentId: a.id, actor: "bo", kind: "smoke", title: "t", payload: {}, clientKey: "k-shared-01" }),
    ).rejects.toThrow(StoreStateError);
    await store.incidents.addNote({ incidentId: b.id, actor: "bo", text: "x", clientKey: "k-shared-01" });
    expect((await store.incidents.timeline(b.id)).filter((e) => e.kind === "note")).toHaveLength(1);
    await expect(store.incidents.addNote({ incidentId: a.id, actor: "bo", text: "x", clientKey: "bad key!" })).rejects.toThrow(StoreInvalidInputError);
  });
});
