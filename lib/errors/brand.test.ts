import { describe, expect, it, vi } from "vitest";

// Two copies of the same module stand in for Next's separate route/page/instrumentation bundles.
async function twoCopies<T>(load: () => Promise<T>): Promise<[T, T]> {
  const first = await load();
  vi.resetModules();
  const second = await load();
  return [first, second];
}

describe("errors keep their identity across bundles", () => {
  it("an UpstreamError from one copy of the module is an UpstreamError for the other", async () => {
    const [a, b] = await twoCopies(() => import("@/lib/upstream/errors"));
    expect(a.UpstreamError).not.toBe(b.UpstreamError);
    const err = new a.UpstreamError("http_status", "Management API answered 500 text/plain");
    expect(err instanceof b.UpstreamError).toBe(true);
    expect(b.isUpstreamError(err)).toBe(true);
    expect(new Error("plain") instanceof b.UpstreamError).toBe(false);
  });

  it("store errors match their own class and the base class, not their siblings", async () => {
    const [a, b] = await twoCopies(() => import("@/lib/store/errors"));
    const unavailable = new a.StoreUnavailableError("sqlite", "disk gone");
    expect(unavailable instanceof b.StoreUnavailableError).toBe(true);
    expect(unavailable instanceof b.StoreError).toBe(true);
    expect(unavailable instanceof b.StoreNotFoundError).toBe(false);
    expect(new a.StoreNotFoundError("no incident") instanceof b.StoreUnavailableError).toBe(false);
    expect(unavailable instanceof Error).toBe(true);
  });

  it("a BgopsSourceError keeps its signature and identity", async () => {
    const [a, b] = await twoCopies(() => import("@/lib/bgops/types"));
    const err = new a.BgopsSourceError("api", "bgops API answered 500 text/plain");
    expect(err instanceof b.BgopsSourceError).toBe(true);
    expect(err.via).toBe("api");
  });
});
