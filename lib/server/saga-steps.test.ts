import { describe, expect, it } from "vitest";
import { ApiError, ERROR_STATUS } from "@/lib/http/errors";
import { checkStepsCursor, parseStepsInput } from "@/lib/server/saga-steps";

const ID = "5f0c3a52-1e7b-4c4a-9d2e-6a1b7c000008";

function refusal(fn: () => unknown): { status: number; error: { code: string; message: string; details?: unknown } } {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    // The envelope the route wrapper answers with (lib/http/route.ts errorResponse).
    return { status: ERROR_STATUS[e.code], error: { code: e.code, message: e.message, details: e.details } };
  }
  throw new Error("expected a refusal");
}

describe("steps page input", () => {
  it("reads a cursor, a limit and a source; defaults to the first page of 500", () => {
    expect(parseStepsInput({ id: ID })).toEqual({ id: ID, cursor: 0, limit: 500, via: undefined });
    expect(parseStepsInput({ id: ID, cursor: "4500", limit: "50", via: "redis" })).toEqual({ id: ID, cursor: 4500, limit: 50, via: "redis" });
  });

  it.each(["abc", "-1", "1.5", "1e3", "12345678", " 5", "0x10"])("refuses cursor %j with 400 and says what to send", (cursor) => {
    const r = refusal(() => parseStepsInput({ id: ID, cursor }));
    expect(r.status).toBe(400);
    expect(r.error.code).toBe("invalid_input");
    expect(r.error.message).toMatch(/^Invalid cursor .*: use the nextCursor of the previous page, or 0 for the first page\.$/);
    expect(r.error.details).toEqual([{ field: "cursor", message: "must be a whole number" }]);
  });

  it("refuses a cursor past the saga's last step with 400, naming the count", () => {
    expect(() => checkStepsCursor(5_010, 5_010)).not.toThrow();
    const r = refusal(() => checkStepsCursor(5_011, 5_010));
    expect(r.status).toBe(400);
    expect(r.error).toMatchObject({ code: "invalid_input", message: expect.stringContaining("the saga has 5010 steps") });
  });

  it.each(["../../etc", "a/b", "x".repeat(300), "", "é"])("refuses malformed saga id %j with 400 before anything is read", (id) => {
    const r = refusal(() => parseStepsInput({ id }));
    expect(r.status).toBe(400);
    expect(r.error.code).toBe("invalid_input");
    expect(r.error.message).toMatch(/^Invalid path parameter: /);
  });

  it.each(["501", "0x", "-5", "0"])("refuses limit %j as a bad filter (422, as the history's)", (limit) => {
    const r = refusal(() => parseStepsInput({ id: ID, limit }));
    expect(r.status).toBe(422);
    expect(r.error.message).toContain("limit must be a whole number from 1 to 500");
  });
});
