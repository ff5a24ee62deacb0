import { describe, expect, it } from "vitest";
import { formatDuration, formatExpiry, formatUtc, parseIsoMicros, parseIsoMs } from "@/lib/domain/time";

describe("parseIsoMicros", () => {
  it("keeps microseconds so entries in the same millisecond still order", () => {
    const a = parseIsoMicros("2025-09-08T10:02:02.281216+00:00")!;
    const b = parseIsoMicros("2025-09-08T10:02:02.281408+00:00")!;
    expect(b - a).toBe(192);
  });
  it("honours offsets and treats a missing offset as UTC", () => {
    expect(parseIsoMs("2025-09-08T12:00:00+02:00")).toBe(Date.UTC(2025, 8, 8, 10));
    expect(parseIsoMs("2025-09-08T10:00:00")).toBe(Date.UTC(2025, 8, 8, 10));
    expect(parseIsoMs("2025-09-08T10:00:00.5Z")).toBe(Date.UTC(2025, 8, 8, 10) + 500);
  });
  it("returns null for anything else", () => {
    for (const bad of [null, undefined, "", "unknown", "yesterday", "2025-13-45T99:99:99Z"]) expect(parseIsoMicros(bad)).toBeNull();
  });
});

describe("formatDuration", () => {
  it.each([
    [850, "850 ms"],
    [4200, "4.2 s"],
    [42_000, "42 s"],
    [185_000, "3 min 5 s"],
    [7_200_000, "2 h"],
    [7_800_000, "2 h 10 min"],
    [273_600_000, "3 d 4 h"],
  ])("%d ms → %s", (ms, text) => expect(formatDuration(ms)).toBe(text));
});

it("formatUtc prints seconds precision in UTC", () => {
  expect(formatUtc(Date.UTC(2025, 8, 8, 8, 31, 0, 500))).toBe("2025-09-08 08:31:00 UTC");
});

describe("parseIsoMicros fast path", () => {
  it("agrees with the general parser on the platform's format and refuses impossible dates", () => {
    expect(parseIsoMicros("2025-09-08T10:02:01.277245+00:00")).toBe(Date.UTC(2025, 8, 8, 10, 2, 1) * 1000 + 277245);
    expect(parseIsoMicros("2025-02-31T10:02:01.277245+00:00")).toBeNull();
    expect(parseIsoMicros("2025-09-08T25:02:01.277245+00:00")).toBeNull();
    expect(parseIsoMicros("2025-09-08T10:02:01.27724x+00:00")).toBeNull();
  });
});

describe("formatExpiry", () => {
  const now = Date.parse("2026-12-06T00:00:00Z");
  it("says when, in UTC, and how long from now", () => {
    expect(formatExpiry(Date.parse("2026-12-06T23:10:00Z"), now)).toBe("expires at 23:10 UTC, in 23 h 10 min");
    expect(formatExpiry(Date.parse("2026-12-07T01:00:00Z"), now)).toBe("expires at 2026-12-07 01:00 UTC, in 1 d 1 h");
  });
  it("says when it expired once past", () => {
    expect(formatExpiry(Date.parse("2026-12-05T23:55:00Z"), now)).toBe("expired at 2026-12-05 23:55 UTC, 5 min ago");
  });
});
