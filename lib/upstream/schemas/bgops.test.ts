import { describe, expect, it } from "vitest";
import {
  idempotencyKeyResponseSchema,
  idempotencyListResponseSchema,
  parseLeniently,
  sagaHistoryResponseSchema,
  sagaResponseSchema,
} from "@/lib/upstream/schemas/bgops";
import { enumLabel } from "@/lib/upstream/schemas/lenient";
import { fixtureNames, loadFixture } from "@/lib/upstream/schemas/fixtures/load";
import type { z } from "zod";

function schemaFor(name: string): z.ZodType<unknown> {
  if (name.startsWith("saga.")) return sagaResponseSchema;
  if (name.startsWith("history.")) return sagaHistoryResponseSchema;
  if (name.startsWith("idempotency-list")) return idempotencyListResponseSchema;
  if (name.startsWith("idempotency.")) return idempotencyKeyResponseSchema;
  throw new Error(`no schema for fixture ${name}`);
}

describe("bgops schemas over every fixture", () => {
  const names = fixtureNames();
  it("has a fixture for every saga end state", () => {
    for (const state of ["running", "stuck", "completed", "compensated", "compensated-with-failed-compensation", "timed-out", "retried", "memory"]) {
      expect(names).toContain(`saga.${state}`);
      expect(names).toContain(`history.${state}`);
    }
  });
  it.each(names)("%s parses", (name) => {
    const r = parseLeniently(schemaFor(name), loadFixture(name));
    expect(r).toMatchObject({ ok: true });
  });
});

describe("lenient fields", () => {
  it("reads numbers sent as strings and keeps unknown enum values with their raw text", () => {
    const r = sagaResponseSchema.parse(loadFixture("saga.stringly-typed"));
    expect(r.saga.current_step).toBe(1);
    expect(r.saga.timeout_seconds).toBe(3600);
    expect(r.saga.status).toEqual({ value: "unknown", raw: "paused_by_operator" });
    expect(enumLabel(r.saga.status)).toBe("unknown (paused_by_operator)");
    expect(r.saga.steps[1]?.retry_count).toBeNull();
    expect(r.saga.steps[1]?.status.raw).toBe("waiting_for_godot");
    expect(r.saga.updated_at).toBeNull();
    expect(r.saga.idempotency_key).toBeNull();
  });
  it("reads the reduced memory saga with absent timestamps as null, not as an error", () => {
    const r = sagaResponseSchema.parse(loadFixture("saga.memory"));
    expect(r.source.value).toBe("memory");
    expect(r.saga.steps[0]).toMatchObject({ name: "Create database", started_at: null, max_retries: null });
  });
  it("keeps `result` as the JSON text the route returns", () => {
    const r = idempotencyKeyResponseSchema.parse(loadFixture("idempotency.redis"));
    expect(r.item.result).toBe('{"tenant_id": "acme", "container": "isp-acme-1"}');
  });
  it("accepts the list error variant without count", () => {
    const r = idempotencyListResponseSchema.parse(loadFixture("idempotency-list.error"));
    expect(r).toMatchObject({ count: null, items: [], error: expect.stringContaining("Connection refused") });
  });
});

describe("hostile and broken payloads never throw and say what is wrong", () => {
  const cyclic: Record<string, unknown> = { source: "redis" };
  cyclic.saga = cyclic;
  const throwing = Object.defineProperty({ source: "redis" }, "saga", {
    enumerable: true,
    get() {
      throw new Error("boom");
    },
  });
  const cases: [string, z.ZodType<unknown>, unknown, RegExp][] = [
    ["null body", sagaResponseSchema, null, /\(body\)/],
    ["a string body", sagaHistoryResponseSchema, "Internal Server Error", /\(body\)/],
    ["saga missing", sagaResponseSchema, { source: "redis" }, /^saga:/],
    ["steps not an array", sagaResponseSchema, { source: "redis", saga: { steps: "three" } }, /^saga\.steps:/],
    ["a step that is a number", sagaResponseSchema, { source: "redis", saga: { steps: [{}, 7] } }, /^saga\.steps\.1:/],
    ["items an object", idempotencyListResponseSchema, { source: "redis", items: { a: 1 } }, /^items:/],
    ["item missing", idempotencyKeyResponseSchema, { source: "redis" }, /^item:/],
    ["a cyclic saga", sagaResponseSchema, cyclic, /.*/],
    ["a getter that throws", sagaResponseSchema, throwing, /could not be read|saga/],
  ];
  it.each(cases)("%s", (_label, schema, value, issue) => {
    const r = parseLeniently(schema, value);
    expect(r.ok).toBe(cyclic === value);
    if (!r.ok) expect(r.issues.join("\n")).toMatch(issue);
  });

  it("reports one broken list item and keeps the others", () => {
    const r = idempotencyListResponseSchema.parse({ source: "redis", count: "3", items: [{ key: "a" }, "garbage", { key: "b", status: 1 }] });
    expect(r.count).toBe(3);
    expect(r.items.map((i) => i.key)).toEqual(["a", "b"]);
    expect(r.items[1]?.status).toEqual({ value: "unknown", raw: "1" });
    expect(r.invalidItems).toEqual([{ index: 1, problem: expect.stringContaining("expected object") }]);
  });

  it("survives a 10,000-character field and control characters", () => {
    const long = "x".repeat(10_000) + "\u0000\u202e";
    const r = parseLeniently(idempotencyKeyResponseSchema, { source: long, item: { key: long, status: long } });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.data.item.status.value).toBe("unknown");
  });
});
