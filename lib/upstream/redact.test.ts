import { describe, expect, it } from "vitest";
import { createRedactor, redactError, REDACTED, urlSecrets } from "@/lib/upstream/redact";

const TOKEN = "mgmt-TOKEN-9f8e7d6c5b";

describe("createRedactor", () => {
  const redact = createRedactor([TOKEN]);

  it("blanks a known secret wherever it appears, raw or URL-encoded", () => {
    const spaced = createRedactor(["a secret/with+odd chars"]);
    expect(redact(`x ${TOKEN} y ${TOKEN}`)).toBe(`x ${REDACTED} y ${REDACTED}`);
    expect(spaced(`q=${encodeURIComponent("a secret/with+odd chars")}`)).not.toContain("odd");
  });

  it("blanks credential-shaped values whatever their value", () => {
    const shapes = createRedactor();
    const cases: [string, string][] = [
      ["http://evil.example/steal?token=abc123&x=1", "http://evil.example/steal?token=(redacted)&x=1"],
      ["/cb?access_token=zzz", "/cb?access_token=(redacted)"],
      ["Authorization: Bearer abc123def456", "Authorization: Bearer (redacted)"],
      ["said bearer 9f8e7d6c5b4a", "said bearer (redacted)"],
      ["authorization: Bearer lettersonly", "authorization: Bearer (redacted)"],
      ["authorization=rawvalue", "authorization=(redacted)"],
      ['{"token":"s3cr3t","ok":true}', '{"token":"(redacted)","ok":true}'],
      ['{"refresh_token":"a\\"b","n":1}', '{"refresh_token":"(redacted)","n":1}'],
      ["redis://user:pa55word@redis:6379/0", "redis://(redacted)@redis:6379/0"],
      ["jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig", `jwt ${REDACTED}`],
    ];
    for (const [input, want] of cases) expect(shapes(input), input).toBe(want);
  });

  it("keeps JSON parseable and leaves ordinary text alone", () => {
    const shapes = createRedactor();
    const body = JSON.stringify({ token: null, password: 5, access_token: "x", saga: { id: "saga-1", key: "idem-1" } });
    expect(() => JSON.parse(shapes(body))).not.toThrow();
    expect(JSON.parse(shapes(body)).access_token).toBe(REDACTED);
    for (const plain of ["401 TOKEN_EXPIRED: the edge refused the token", "307 to /health/ — followed: 200", "idempotency key=idem-42", '{"error":"No refresh token found"}', "Bearer token missing", "Basic checks ok"]) {
      expect(shapes(plain)).toBe(plain);
    }
  });

  it("ignores secrets too short to blank safely", () => {
    expect(createRedactor(["abc", "", undefined])("abc abc")).toBe("abc abc");
  });
});

describe("redactError / urlSecrets", () => {
  it("redacts an error's message, stack and excerpt in place, keeping the object", () => {
    const err = Object.assign(new Error(`failed with ${TOKEN}`), { excerpt: `body ${TOKEN}`, location: `/x?token=${TOKEN}` });
    const same = redactError(err, createRedactor([TOKEN]));
    expect(same).toBe(err);
    expect(JSON.stringify({ m: err.message, s: err.stack, e: err.excerpt, l: err.location })).not.toContain(TOKEN);
  });

  it("takes the password and user out of a configured URL", () => {
    expect(urlSecrets("redis://oncall-user:hunter2hunter2@r:6379")).toEqual(["hunter2hunter2", "oncall-user"]);
    expect(urlSecrets("redis://r:6379")).toEqual([]);
    expect(urlSecrets("not a url")).toEqual([]);
  });
});
