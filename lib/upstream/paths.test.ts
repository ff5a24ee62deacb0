import { describe, expect, it } from "vitest";
import { UpstreamError } from "@/lib/upstream/errors";
import { bgopsPaths, parseIdempotencyKey, parseLimit, parseSagaId, resolveUpstreamUrl } from "@/lib/upstream/paths";

const HOSTILE: [string, unknown][] = [
  ["dot-dot", ".."],
  ["dot-dot segment", "../admin"],
  ["encoded slash", "abc%2Fdef"],
  ["encoded dot-dot", "%2e%2e"],
  ["encoded dot-dot, upper case", "%2E%2E"],
  ["slash", "a/b"],
  ["backslash", "a\\b"],
  ["question mark", "abc?limit=1"],
  ["hash", "abc#x"],
  ["newline", "abc\ndef"],
  ["NUL", "abc\u0000"],
  ["CRLF header injection", "abc\r\nX-Evil: 1"],
  ["10,000 characters", "a".repeat(10_000)],
  ["e acute", "café"],
  ["fullwidth", "ａｂｃ"],
  ["fullwidth solidus", "a／b"],
  ["RTL override", "abc\u202Edef"],
  ["zero-width space", "ab\u200Bc"],
  ["empty", ""],
  ["space", " "],
  ["tab", "\t"],
  ["inner space", "a b"],
  ["leading dash", "-abc"],
  ["number", 12345],
  ["null", null],
  ["array", ["abc"]],
];

describe.each([
  ["parseSagaId", parseSagaId, bgopsPaths.saga],
  ["parseIdempotencyKey", parseIdempotencyKey, bgopsPaths.idempotencyKey],
] as const)("%s", (_name, parse, build) => {
  it.each(HOSTILE)("refuses %s, with a reason that does not echo the value", (_label, raw) => {
    const r = parse(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.length).toBeLessThan(160);
      if (typeof raw === "string" && raw.length > 2) expect(r.reason).not.toContain(raw);
    }
  });

  it.each(HOSTILE.filter(([, raw]) => typeof raw === "string"))("the path builder throws invalid_input for %s", (_l, raw) => {
    let thrown: unknown = null;
    try {
      build(raw as string);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(UpstreamError);
    expect((thrown as UpstreamError).kind).toBe("invalid_input");
  });

  it("accepts a uuid4 and a 128-character id", () => {
    expect(parse("3f0c2a9e-6b1d-4c1e-9a3b-0d2f4e6a8b1c")).toEqual({ ok: true, value: "3f0c2a9e-6b1d-4c1e-9a3b-0d2f4e6a8b1c" });
    expect(parse("a".repeat(128)).ok).toBe(true);
  });
});

describe("parseSagaId specifics", () => {
  it("refuses dots and colons, which saga ids never contain, and 129 characters", () => {
    expect(parseSagaId("a.b").ok).toBe(false);
    expect(parseSagaId("a:b").ok).toBe(false);
    expect(parseSagaId("a".repeat(129)).ok).toBe(false);
  });
});

describe("parseIdempotencyKey specifics", () => {
  it("accepts sha256 hex, 256 characters and dotted/colon keys", () => {
    expect(parseIdempotencyKey("9f2c1e0a7b".padEnd(64, "0")).ok).toBe(true);
    expect(parseIdempotencyKey("k".repeat(256)).ok).toBe(true);
    expect(parseIdempotencyKey("tenant:acme.create-1").ok).toBe(true);
    expect(parseIdempotencyKey("k".repeat(257)).ok).toBe(false);
  });

  it('refuses "index" because it is the bgops index ZSET, and any ".." even inside', () => {
    const r = parseIdempotencyKey("index");
    expect(r).toEqual({ ok: false, reason: expect.stringContaining("index ZSET") });
    expect(parseIdempotencyKey("a..b").ok).toBe(false);
    expect(parseIdempotencyKey("Index").ok).toBe(true);
  });
});

describe("parseLimit", () => {
  it.each([1, 50, 500, "1", "500"])("accepts %s", (raw) => {
    expect(parseLimit(raw)).toEqual({ ok: true, value: Number(raw) });
  });
  it.each([0, 501, -1, 1.5, Number.NaN, Infinity, "0", "501", "", " 5", "5 ", "1e2", "0x10", "50.0", "+5", null, undefined, [5]])(
    "refuses %s",
    (raw) => {
      expect(parseLimit(raw)).toEqual({ ok: false, reason: "Limit must be a whole number from 1 to 500" });
    },
  );
  it("builds the list path only for a valid limit", () => {
    expect(bgopsPaths.idempotencyList(25)).toBe("/api/v1/bgops/idempotency?limit=25");
    expect(() => bgopsPaths.idempotencyList(501)).toThrow(UpstreamError);
  });
});

describe("resolveUpstreamUrl", () => {
  it("builds under the base and its path prefix", () => {
    expect(resolveUpstreamUrl("https://x.example/api-gw", "/api/v1/bgops/sagas/s1").href).toBe(
      "https://x.example/api-gw/api/v1/bgops/sagas/s1",
    );
    expect(resolveUpstreamUrl("https://x.example/api-gw/", "/health?x=1").href).toBe("https://x.example/api-gw/health?x=1");
    expect(resolveUpstreamUrl("http://127.0.0.1:8001", "/health/").href).toBe("http://127.0.0.1:8001/health/");
  });

  it.each([
    ["dot segments", "/../admin"],
    ["encoded dot segments", "/%2e%2e/admin"],
    ["a dot-dot after the route", "/api/v1/bgops/sagas/.."],
    ["backslash", "/a\\b"],
    ["scheme-relative", "//evil.example/x"],
    ["relative", "health"],
    ["absolute URL", "https://evil.example/x"],
    ["fragment", "/health#x"],
    ["unencoded space", "/a b"],
  ])("refuses %s", (_l, path) => {
    expect(() => resolveUpstreamUrl("https://x.example/api-gw", path)).toThrow(UpstreamError);
  });

  it("refuses a base with credentials or an odd scheme", () => {
    expect(() => resolveUpstreamUrl("https://u:p@x.example", "/health")).toThrow(/credentials/);
    expect(() => resolveUpstreamUrl("file:///etc", "/passwd")).toThrow(/http or https/);
  });
});
