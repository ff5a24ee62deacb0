import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { readBodyCapped, withBodyCapped } from "@/lib/http/body-limit";
import { ApiError } from "@/lib/http/errors";

const CHUNK = 64 * 1024;

/** An endless upload: counts what was pulled from it and whether the reader gave up on it. */
function endlessBody() {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulled += CHUNK;
      controller.enqueue(new Uint8Array(CHUNK));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://127.0.0.1/api/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

async function refusal(p: Promise<unknown>) {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

describe("readBodyCapped", () => {
  it("refuses a declared 100 MB body without reading a byte of it", async () => {
    const { stream, state } = endlessBody();
    const e = await refusal(readBodyCapped(post(stream, { "Content-Length": String(100 * 1024 * 1024) }), 1024 * 1024));
    expect(e.code).toBe("payload_too_large");
    // The stream's first pull may be queued by the Request itself; the reader never asked for more.
    expect(state.pulled).toBeLessThanOrEqual(CHUNK);
  });

  it("stops an undeclared (chunked) endless body at the limit and cancels it", async () => {
    const { stream, state } = endlessBody();
    const e = await refusal(readBodyCapped(post(stream), 1024 * 1024));
    expect(e.code).toBe("payload_too_large");
    expect(state.pulled).toBeLessThanOrEqual(1024 * 1024 + 3 * CHUNK);
    expect(state.cancelled).toBe(true);
  });

  it("does not trust a Content-Length that understates the body", async () => {
    const { stream } = endlessBody();
    expect((await refusal(readBodyCapped(post(stream, { "Content-Length": "10" }), 100_000))).code).toBe("payload_too_large");
  });

  it("returns a body within the limit whole, and refuses a nonsense Content-Length", async () => {
    const bytes = await readBodyCapped(post(JSON.stringify({ a: "x".repeat(1000) })), 16 * 1024);
    expect(JSON.parse(new TextDecoder().decode(bytes)).a).toHaveLength(1000);
    expect(await readBodyCapped(post(null), 10)).toHaveLength(0);
    expect((await refusal(readBodyCapped(post("x", { "Content-Length": "-1" }), 10))).code).toBe("payload_too_large");
  });
});

describe("withBodyCapped (next-auth's sign-in)", () => {
  it("hands back a request whose form body is still readable", async () => {
    const req = new NextRequest("http://127.0.0.1/api/auth/callback/credentials", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "username=viewer&password=demo",
    });
    const out = await withBodyCapped(req, 16 * 1024);
    expect(out).toBeInstanceOf(Request);
    expect(await (out as NextRequest).text()).toBe("username=viewer&password=demo");
    expect((out as NextRequest).nextUrl.pathname).toBe("/api/auth/callback/credentials");
  });

  it("refuses an oversized sign-in body and a GET declaring one", async () => {
    const big = new NextRequest("http://127.0.0.1/api/auth/callback/credentials", { method: "POST", body: "u=".padEnd(20_000, "x") });
    expect(await withBodyCapped(big, 16 * 1024)).toMatchObject({ code: "payload_too_large" });
    const get = new NextRequest("http://127.0.0.1/api/auth/signin", { headers: { "Content-Length": "99999999" } });
    expect(await withBodyCapped(get, 16 * 1024)).toMatchObject({ code: "payload_too_large" });
  });
});
