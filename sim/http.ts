import type { IncomingMessage } from "node:http";
import type { SimSurface } from "./types";

export interface SimRequest {
  surface: SimSurface;
  method: string;
  /** Percent-decoded path, as Starlette and Next route on it. */
  path: string;
  rawPath: string;
  query: URLSearchParams;
  req: IncomingMessage;
  header(name: string): string | undefined;
  cookies(): Record<string, string>;
  body(): Promise<string>;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string | string[]>;
  contentType?: string;
  body?: string;
}

export const JSON_TYPE = "application/json";
export const TEXT_TYPE = "text/plain; charset=utf-8";
export const HTML_TYPE = "text/html; charset=utf-8";

export const json = (status: number, body: unknown, headers?: Record<string, string | string[]>): SimResponse => ({
  status,
  contentType: JSON_TYPE,
  body: JSON.stringify(body),
  headers,
});

export const text = (status: number, body: string, contentType = TEXT_TYPE): SimResponse => ({ status, contentType, body });

/** What uvicorn sends for an unhandled exception, e.g. a missing or unreachable Redis. */
export const internalServerError = (): SimResponse => text(500, "Internal Server Error");

export const fastapiNotFound = (): SimResponse => json(404, { detail: "Not Found" });

export const nextNotFound = (): SimResponse =>
  text(
    404,
    '<!DOCTYPE html><html><head><meta charSet="utf-8"/><title>404: This page could not be found.</title></head><body><div><h1>404</h1><h2>This page could not be found.</h2></div></body></html>',
    HTML_TYPE,
  );

export function redirect(r: SimRequest, path: string): SimResponse {
  const host = r.header("host") ?? "127.0.0.1";
  const search = r.query.toString();
  return { status: 307, headers: { location: `http://${host}${path}${search ? `?${search}` : ""}` }, body: "" };
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      out[name] = decodeURIComponent(raw);
    } catch {
      out[name] = raw;
    }
  }
  return out;
}

export function readBody(req: IncomingMessage, maxBytes = 1_000_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new Error("body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
