import { describe, expect, it } from "vitest";
import { isoMicros, pyDumps } from "./format";

describe("Python encodings", () => {
  it("writes json.dumps defaults: spaced separators outside strings, ASCII escapes", () => {
    const value = { a: "x, y: z", b: [1, null, true], c: { 'd"e': "é" } };
    expect(pyDumps(value)).toBe(String.raw`{"a": "x, y: z", "b": [1, null, true], "c": {"d\"e": "\u00e9"}}`);
    expect(JSON.parse(pyDumps(value))).toEqual(value);
    const tricky = String.raw`ends with a backslash \\", then, a: colon`;
    expect(JSON.parse(pyDumps({ tricky }))).toEqual({ tricky });
  });

  it("writes isoformat() with microseconds and +00:00", () => {
    expect(isoMicros(Date.parse("2025-09-08T09:26:20.455Z"), 19)).toBe("2025-09-08T09:26:20.455019+00:00");
  });
});
