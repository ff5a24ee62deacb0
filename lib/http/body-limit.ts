import { NextRequest } from "next/server";
import { ApiError } from "@/lib/http/errors";

/** Sign-in forms are a few hundred bytes; anything near this is an attack on an anonymous endpoint. */
export const SIGN_IN_MAX_BYTES = 16 * 1024;
/** The largest console write (evidence with a check's result) stays well under this. */
export const API_WRITE_MAX_BYTES = 1024 * 1024;

function tooLarge(max: number): ApiError {
  return new ApiError("payload_too_large", `The request body is over the ${Math.round(max / 1024)} kB limit; nothing was read or saved.`);
}

/**
 * Refuses a body over `max` bytes before reading it: by its Content-Length when it declares one, else by
 * counting the chunks as they stream in and stopping at the limit, so a 100 MB upload costs at most `max`.
 */
export async function readBodyCapped(req: Request, max: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = req.headers.get("content-length");
  if (declared !== null && declared.trim() !== "") {
    const n = Number(declared);
    if (!Number.isSafeInteger(n) || n < 0 || n > max) throw tooLarge(max);
  }
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.byteLength;
  }
  return all;
}

/**
 * The same limit for a handler outside the route wrapper (next-auth's): the request comes back with its body
 * read (at most `max` bytes) and re-attached, or an error envelope with 413 when it is over.
 */
export async function withBodyCapped(req: NextRequest, max: number): Promise<NextRequest | ApiError> {
  try {
    if (req.method === "GET" || req.method === "HEAD") {
      // Nothing reads a GET body: only a declared size is refused, the rest is left unread.
      const declared = Number(req.headers.get("content-length") ?? "0");
      if (!(declared <= max)) throw tooLarge(max);
      return req;
    }
    const bytes = await readBodyCapped(req, max);
    return new NextRequest(req.url, { method: req.method, headers: req.headers, body: bytes.byteLength ? bytes : undefined });
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
}
