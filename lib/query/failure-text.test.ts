import { describe, expect, it } from "vitest";
import { classifyBgopsAnswer } from "@/lib/domain/bgops-signature";
import { judgeSignature } from "@/lib/smoke/observe";
import { ConsoleApiError } from "@/lib/query/fetch-json";
import { failureText } from "@/lib/query/failure-text";

// What the console's API answers for a saga while bgops cannot reach Redis (lib/server/bgops.ts toBgopsApiError).
const redisDown = classifyBgopsAnswer({ status: 500, contentType: "text/plain; charset=utf-8", bodyText: "Internal Server Error" });
const envelope = (details: unknown) => new ConsoleApiError(502, "upstream_error", "Management API answered 500 text/plain: Internal Server Error", details);

describe("failureText: a failed refresh in the error panel's words", () => {
  it("names a platform failure by its signature: what was seen, what it means, the runbook section", () => {
    expect(failureText(envelope({ via: "api", signature: redisDown, fallbackError: null, hasRedis: false }))).toBe(
      "500 text/plain from bgops: Internal Server Error — bgops cannot reach Redis: the Redis client is not importable or Redis is down. (runbook §5, §2)",
    );
  });

  it("says the same as the smoke test and the overview's health problems", () => {
    const smoke = judgeSignature(redisDown);
    expect(failureText(envelope({ signature: redisDown }))).toBe(`${smoke.summary} (runbook ${smoke.runbookSection})`);
  });

  it("adds a failed Redis fallback", () => {
    expect(failureText(envelope({ signature: redisDown, fallbackError: "Redis did not answer within 3 s" }))).toMatch(/\(runbook §5, §2\); the Redis fallback failed too: Redis did not answer within 3 s$/);
  });

  it("falls back to the message when there is no signature", () => {
    expect(failureText(envelope({ signature: null }))).toBe("Management API answered 500 text/plain: Internal Server Error");
    expect(failureText(new ConsoleApiError(0, "network", "The console server did not answer."))).toBe("The console server did not answer.");
    expect(failureText(new Error("boom"))).toBe("boom");
  });
});
