import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E, storageStateFor, type DemoRole } from "../env";

const ORIGIN = { Origin: E2E.baseURL };

async function as(playwright: { request: { newContext(o: object): Promise<APIRequestContext> } }, role: DemoRole) {
  return playwright.request.newContext({ baseURL: E2E.baseURL, storageState: storageStateFor(role), extraHTTPHeaders: ORIGIN });
}

async function openIncident(req: APIRequestContext, title: string) {
  const res = await req.post("/api/incidents", { data: { title, severity: "sev3" } });
  expect(res.status()).toBe(200);
  return (await res.json()).incident as { id: string; tenant: string | null; steps: { stepId: string; text: string; version: number; state: string }[] };
}

test.describe("incidents API", () => {
  test("a responder opens an incident with its own checklist and the configured tenant", async ({ playwright }) => {
    const responder = await as(playwright, "responder");
    const incident = await openIncident(responder, `api open ${Date.now()}`);
    expect(incident.steps.length).toBeGreaterThan(20);
    expect(incident.steps.some((s) => s.text === "Run: make smoke")).toBe(true);
    expect(incident.tenant).toBe("acme");
    const list = await (await responder.get("/api/incidents")).json();
    expect(list.incidents[0].status).toBe("open");
    expect(list.incidents.some((i: { id: string }) => i.id === incident.id)).toBe(true);
  });

  test("a viewer cannot tick a step (403) and the step stays as it was", async ({ playwright }) => {
    const responder = await as(playwright, "responder");
    const viewer = await as(playwright, "viewer");
    const incident = await openIncident(responder, `api viewer ${Date.now()}`);
    const step = incident.steps[0]!;
    const res = await viewer.post(`/api/incidents/${incident.id}/steps`, { data: { stepId: step.stepId, expectedVersion: 1, state: "done" } });
    expect(res.status()).toBe(403);
    const after = await (await viewer.get(`/api/incidents/${incident.id}`)).json();
    expect(after.incident.steps[0].state).toBe("todo");
    expect((await viewer.post("/api/incidents", { data: { title: "x", severity: "sev3" } })).status()).toBe(403);
  });

  test("a bad severity is refused with 422 and no incident is created", async ({ playwright }) => {
    const responder = await as(playwright, "responder");
    const title = `api bad severity ${Date.now()}`;
    const res = await responder.post("/api/incidents", { data: { title, severity: "sev9" } });
    expect(res.status()).toBe(422);
    expect((await res.json()).error.code).toBe("validation_failed");
    const list = await (await responder.get("/api/incidents")).json();
    expect(list.incidents.some((i: { title: string }) => i.title === title)).toBe(false);
  });

  test("an unknown incident is 404 for reads and writes", async ({ playwright }) => {
    const responder = await as(playwright, "responder");
    const unknown = "0f8fad5b-d9cb-469f-a165-70867728950e";
    expect((await responder.get(`/api/incidents/${unknown}`)).status()).toBe(404);
    expect((await responder.get(`/api/incidents/not-a-uuid`)).status()).toBe(404);
    expect((await responder.get(`/api/incidents/${unknown}/changes?since=0`)).status()).toBe(404);
    expect((await responder.post(`/api/incidents/${unknown}/steps`, { data: { stepId: "a.b", expectedVersion: 1, state: "done" } })).status()).toBe(404);
    expect((await responder.post(`/api/incidents/${unknown}/notes`, { data: { text: "hello" } })).status()).toBe(404);
  });

  test("two changes from the same version: one wins, the other gets 409 with the winner's step", async ({ playwright }) => {
    const responder = await as(playwright, "responder");
    const incident = await openIncident(responder, `api conflict ${Date.now()}`);
    const step = incident.steps[1]!;
    const first = await responder.post(`/api/incidents/${incident.id}/steps`, { data: { stepId: step.stepId, expectedVersion: 1, state: "done" } });
    expect(first.status()).toBe(200);
    const second = await responder.post(`/api/incidents/${incident.id}/steps`, { data: { stepId: step.stepId, expectedVersion: 1, state: "skipped", reason: "late" } });
    expect(second.status()).toBe(409);
    const body = await second.json();
    expect(body.error.code).toBe("conflict");
    expect(body.error.details.step).toMatchObject({ state: "done", version: 2, updatedBy: "demo:responder" });
    const skipNoReason = await responder.post(`/api/incidents/${incident.id}/steps`, { data: { stepId: step.stepId, expectedVersion: 2, state: "skipped" } });
    expect(skipNoReason.status()).toBe(422);
    const changes = await (await responder.get(`/api/incidents/${incident.id}/changes?since=1`)).json();
    expect(changes.events.filter((e: { kind: string }) => e.kind === "step")).toHaveLength(1);
  });

  test("responders resolve and export; only admins reopen and delete, each audited", async ({ playwright }) => {
    const viewer = await as(playwright, "viewer");
    const responder = await as(playwright, "responder");
    const admin = await as(playwright, "admin");
    const title = `api resolve ${Date.now()}`;
    const incident = await openIncident(responder, title);
    expect((await viewer.post(`/api/incidents/${incident.id}/resolve`, { data: { summary: "done" } })).status()).toBe(403);
    expect((await viewer.get(`/api/incidents/${incident.id}/export.md`)).status()).toBe(403);
    const resolved = await responder.post(`/api/incidents/${incident.id}/resolve`, { data: { summary: "Redis restarted" } });
    expect(resolved.status()).toBe(200);
    expect((await responder.post(`/api/incidents/${incident.id}/resolve`, { data: {} })).status()).toBe(409);
    expect((await responder.post(`/api/incidents/${incident.id}/notes`, { data: { text: "after" } })).status()).toBe(409);
    const md = await responder.get(`/api/incidents/${incident.id}/export.md`);
    expect(md.status()).toBe(200);
    expect(md.headers()["content-type"]).toContain("text/markdown");
    const text = await md.text();
    expect(text).toContain(`# Incident report: ${title}`);
    expect(text).toContain("Redis restarted");

    expect((await responder.post(`/api/incidents/${incident.id}/reopen`, { data: { reason: "again" } })).status()).toBe(403);
    expect((await responder.delete(`/api/incidents/${incident.id}`)).status()).toBe(403);
    const reopened = await admin.post(`/api/incidents/${incident.id}/reopen`, { data: { reason: "bgops failing again" } });
    expect(reopened.status()).toBe(200);
    expect((await reopened.json()).incident).toMatchObject({ status: "open", resolvedAt: null });
    expect((await admin.post(`/api/incidents/${incident.id}/reopen`, { data: {} })).status()).toBe(409);
    const detail = await (await responder.get(`/api/incidents/${incident.id}`)).json();
    expect(detail.events.map((e: { kind: string; actor: string }) => [e.kind, e.actor])).toEqual([
      ["opened", "demo:responder"], ["resolved", "demo:responder"], ["reopened", "demo:admin"],
    ]);
    expect((await responder.post(`/api/incidents/${incident.id}/notes`, { data: { text: "working again" } })).status()).toBe(200);

    expect((await admin.delete(`/api/incidents/${incident.id}`, { headers: { Origin: "https://evil.example" } })).status()).toBe(403);
    expect((await admin.delete(`/api/incidents/${incident.id}`)).status()).toBe(200);
    expect((await responder.get(`/api/incidents/${incident.id}`)).status()).toBe(404);
    expect((await admin.delete(`/api/incidents/${incident.id}`)).status()).toBe(404);
    const audit = (await (await admin.get("/api/audit?limit=500")).json()) as { rows: unknown[] };
    const mine = audit.rows as { action: string; actor: string; target: string | null }[];
    const forThis = mine.filter((e) => e.target === incident.id).map((e) => [e.action, e.actor]);
    for (const entry of [
      ["incident.resolve", "demo:responder"], ["incident.export", "demo:responder"],
      ["incident.reopen", "demo:admin"], ["incident.delete", "demo:admin"],
    ]) expect(forThis).toContainEqual(entry);
    await Promise.all([viewer.dispose(), responder.dispose(), admin.dispose()]);
  });
});
