import { describe, expect, it } from "vitest";
import { ConsoleApiError } from "@/lib/query/fetch-json";
import { shouldRetry } from "@/lib/query/make-query-client";
import { isPermanentError, pollEvery, retryEvery } from "@/lib/query/poll";

const envelope = (status: number, code: ConstructorParameters<typeof ConsoleApiError>[1]) => new ConsoleApiError(status, code, "x");

describe("the browser's retry policy", () => {
  it("retries only when the console itself did not answer, at most twice", () => {
    const network = envelope(0, "network");
    expect([0, 1, 2].map((n) => shouldRetry(n, network))).toEqual([true, true, false]);
  });

  it.each([
    [502, "upstream_error"],
    [502, "upstream_unreachable"],
    [504, "upstream_timeout"],
    [500, "internal"],
    [503, "store_unavailable"],
    [404, "not_found"],
    [400, "invalid_input"],
  ] as const)("never retries an error envelope (%i %s): the server already owns the retries", (status, code) => {
    expect(shouldRetry(0, envelope(status, code))).toBe(false);
  });

  it("never retries a thrown bug", () => {
    expect(shouldRetry(0, new TypeError("x is undefined"))).toBe(false);
  });
});

describe("pollEvery", () => {
  const state = (error: Error | null, data?: { done: boolean }) => ({ state: { error, data } });
  const poll = pollEvery<{ done: boolean }>(5_000, (d) => d.done);

  it("keeps polling through upstream failures and stops on answers that will not change", () => {
    expect(poll(state(envelope(502, "upstream_error")))).toBe(5_000);
    expect(poll(state(envelope(504, "upstream_timeout")))).toBe(5_000);
    expect(poll(state(envelope(404, "not_found")))).toBe(false);
    expect(poll(state(envelope(501, "not_configured")))).toBe(false);
    expect(poll(state(envelope(429, "rate_limited")))).toBe(5_000);
  });

  it("keeps polling a not-found that a source could not be asked about, at the normal interval", () => {
    const notFound = (details: unknown) => new ConsoleApiError(404, "not_found", "Saga x: not found in the bgops API; Redis could not be asked (ECONNREFUSED).", details);
    const incomplete = notFound({ otherSource: null, everySourceAnswered: false, sources: [{ source: "redis", answer: "unreachable", detail: "ECONNREFUSED" }] });
    expect(isPermanentError(incomplete)).toBe(false);
    expect(poll(state(incomplete))).toBe(5_000);
    expect(retryEvery(5_000, incomplete)).toBe(5_000);
    // Every source answered (or the envelope says nothing): final, as before.
    expect(poll(state(notFound({ otherSource: "redis", everySourceAnswered: true })))).toBe(false);
    expect(retryEvery(5_000, notFound(undefined))).toBe(false);
    expect(retryEvery(5_000, notFound("everySourceAnswered"))).toBe(false);
  });

  it("stops once the data is final", () => {
    expect(poll(state(null, { done: false }))).toBe(5_000);
    expect(poll(state(null, { done: true }))).toBe(false);
  });

  it("treats only console envelopes as permanent", () => {
    expect(isPermanentError(new Error("boom"))).toBe(false);
    expect(isPermanentError(envelope(403, "forbidden"))).toBe(true);
  });
});
