import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRunbook } from "./parse";
import { widgetFor, type Widget } from "./widgets";
import { bgopsOperationFor } from "./bgops-request";

type BgopsWidget = Extract<Widget, { kind: "bgops-request" }>;
const rb = parseRunbook(readFileSync(new URL("./dotmac-runbook.md", import.meta.url), "utf8"));
const widgets = rb.sections
  .flatMap((s) => s.steps)
  .flatMap((s) => widgetFor(s))
  .filter((w): w is BgopsWidget => w.kind === "bgops-request");
const byPath = (p: string) => {
  const w = widgets.find((x) => x.pathTemplate === p);
  if (!w) throw new Error(`no widget for ${p}`);
  return w;
};

describe("bgopsOperationFor the runbook's §5 requests", () => {
  it("maps each of the four runbook requests to its operation", () => {
    expect(widgets).toHaveLength(4);
    expect(bgopsOperationFor(byPath("/api/v1/bgops/idempotency"), {})).toEqual({ ok: true, value: { op: "idempotency-list", limit: 10 } });
    expect(bgopsOperationFor(byPath("/api/v1/bgops/idempotency"), { limit: "500" })).toEqual({ ok: true, value: { op: "idempotency-list", limit: 500 } });
    expect(bgopsOperationFor(byPath("/api/v1/bgops/idempotency/{key}"), { key: "9f2c1e0a7b" })).toEqual({
      ok: true,
      value: { op: "idempotency-key", key: "9f2c1e0a7b" },
    });
    expect(bgopsOperationFor(byPath("/api/v1/bgops/sagas/{saga_id}"), { saga_id: "3f1e-42" })).toEqual({ ok: true, value: { op: "saga", sagaId: "3f1e-42" } });
    expect(bgopsOperationFor(byPath("/api/v1/bgops/sagas/{saga_id}/history"), { saga_id: "abc" })).toEqual({
      ok: true,
      value: { op: "saga-history", sagaId: "abc" },
    });
  });

  it.each([
    ["/api/v1/bgops/idempotency", { limit: "501" }],
    ["/api/v1/bgops/idempotency", { limit: "0" }],
    ["/api/v1/bgops/idempotency/{key}", { key: "index" }],
    ["/api/v1/bgops/idempotency/{key}", { key: "a/../b" }],
    ["/api/v1/bgops/sagas/{saga_id}", { saga_id: "%2e%2e" }],
    ["/api/v1/bgops/sagas/{saga_id}", { saga_id: "x".repeat(10_000) }],
    ["/api/v1/bgops/sagas/{saga_id}", {}],
    ["/api/v1/bgops/sagas/{saga_id}/history", { saga_id: "a?b#c" }],
  ] as const)("refuses %s with %j", (path, values) => {
    expect(bgopsOperationFor(byPath(path), values).ok).toBe(false);
  });

  it("an empty field says what to type, for a saga id and for a key alike", () => {
    for (const [path, values] of [
      ["/api/v1/bgops/sagas/{saga_id}", {}],
      ["/api/v1/bgops/sagas/{saga_id}/history", { saga_id: "" }],
      ["/api/v1/bgops/sagas/{saga_id}", { saga_id: "   " }],
    ] as const) {
      expect(bgopsOperationFor(byPath(path), values), `${path} ${JSON.stringify(values)}`).toEqual({ ok: false, reason: "Enter a saga id (a UUID) to look it up" });
    }
    for (const values of [{}, { key: "" }] as Record<string, string>[]) {
      expect(bgopsOperationFor(byPath("/api/v1/bgops/idempotency/{key}"), values)).toEqual({ ok: false, reason: "Enter an idempotency key to look it up" });
    }
  });

  it("refuses templates that are not one of the four reads, and other surfaces", () => {
    const other: BgopsWidget = { kind: "bgops-request", method: "GET", surface: "mgmt", pathTemplate: "/api/v1/bgops/operations/{id}", placeholders: ["id"] };
    expect(bgopsOperationFor(other, { id: "x" }).ok).toBe(false);
    expect(bgopsOperationFor({ ...byPath("/api/v1/bgops/sagas/{saga_id}"), surface: "admin" }, { saga_id: "x" }).ok).toBe(false);
  });
});
